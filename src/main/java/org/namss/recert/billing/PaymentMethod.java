package org.namss.recert.billing;

public enum PaymentMethod {
  CARD,
  CHECK
}
