package org.namss.recert.billing;

public enum InvoiceStatus {
  OPEN,
  PAID,
  VOID
}
