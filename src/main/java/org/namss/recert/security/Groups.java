package org.namss.recert.security;

/** The Camunda groups the product knows; staff membership is kept in Camunda Admin. */
public final class Groups {
  public static final String STAFF = "certificationStaff";
  public static final String LEAD = "certificationLead";
  public static final String ANALYSTS = "businessAnalysts";
  public static final String OPERATIONS = "operations";
  /** Certificants' own log-ins: a user whose e-mail is one of a certificant's addresses acts for them (R2). */
  public static final String CERTIFICANTS = "certificants";
  /**
   * The payment provider's integration (a service account): confirms card payments of any certificant's invoices and
   * nothing else; no Camunda webapp rights.
   */
  public static final String PAYMENT_SERVICE = "paymentService";

  private Groups() {}
}
