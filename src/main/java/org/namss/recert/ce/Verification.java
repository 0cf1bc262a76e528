package org.namss.recert.ce;

/** Staff's verdict on an activity's certificate (R11, R12). */
public enum Verification {
  UNVERIFIED,
  VERIFIED,
  REJECTED
}
