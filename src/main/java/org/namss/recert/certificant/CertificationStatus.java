package org.namss.recert.certificant;

/** Where a certification stands; ACTIVE and EXTENDED count as good standing (R17, R21). */
public enum CertificationStatus {
  ACTIVE,
  EXTENDED,
  LAPSED,
  EXPIRED;

  public boolean inGoodStanding() {
    return this == ACTIVE || this == EXTENDED;
  }
}
