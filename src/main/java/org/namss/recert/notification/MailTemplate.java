package org.namss.recert.notification;

import java.util.List;
import java.util.Locale;

/**
 * The messages the product sends, one template per message under {@code templates/mail/}: {@code <name>.txt}
 * (first line {@code Subject: ...}, then the plain-text body) and {@code <name>.html} (the HTML body), where
 * {@code <name>} is the constant in lower case with dashes ({@code INVOICE_PLACED} -> {@code invoice-placed}).
 *
 * <p>Each constant lists the facts its template needs; {@link Notifier#send} refuses a call that lacks one.
 * Every template also receives {@code recipientName} and {@code team}. Dates may be passed as
 * {@link java.time.LocalDate}, amounts as {@link java.math.BigDecimal} (the templates print the dollar sign).
 */
public enum MailTemplate {

  /** The application arrived and is being processed. */
  APPLICATION_RECEIVED("renewalYear", "certification", "reviewDueDays", "escalateDays"),
  /** The application cannot go on: {@code missing} is a list of strings, each one thing that is missing. */
  SOMETHING_MISSING("renewalYear", "missing"),
  /**
   * An invoice was placed in the account: {@code lines} is a list of maps or objects with {@code description}
   * and {@code amount}; {@code total} the sum. Optional: {@code dueDate}.
   */
  INVOICE_PLACED("renewalYear", "invoiceNumber", "lines", "total"),
  /** A payment was recorded against an invoice. */
  PAYMENT_RECEIVED("renewalYear", "invoiceNumber", "amount", "receivedOn", "reviewDueDays", "escalateDays"),
  /**
   * Staff ask the certificant to change the application: {@code message} is staff's text. Optional:
   * {@code changesDue}, the last day for the changes (renewals of model versions before 2026-12-07 have none).
   */
  CHANGES_REQUESTED("renewalYear", "message"),
  /** Recertified: {@code nextRenewalYear} is the new renewal year, {@code validThrough} the end of the cycle. */
  APPROVED("certification", "renewalYear", "nextRenewalYear", "validThrough"),
  /** The application was not approved, for {@code reason}. */
  REJECTED("renewalYear", "reason"),
  /** The application window opened (R1a); the deadlines and the late fee (R8). */
  APPLICATION_OPEN("certification", "renewalYear", "onTimeDeadline", "lateDeadline", "lateFee"),
  /** A courtesy reminder of the on-time deadline (R3, R23). */
  COURTESY_REMINDER("certification", "renewalYear", "onTimeDeadline", "lateFee"),
  /** The on-time deadline passed: a late fee applies until {@code lateDeadline} (R8). */
  LATE_FEE_NOTICE("certification", "renewalYear", "lateFee", "lateDeadline"),
  /** An extension was approved until {@code newDeadline} (R21). */
  EXTENSION_GRANTED("renewalYear", "newDeadline"),
  /** The extension request was refused, for {@code reason} (R20). */
  EXTENSION_REFUSED("renewalYear", "reason"),
  /**
   * Lapsed (R25): no longer certified, may not use the designation; reinstatement possible until
   * {@code reinstatementDeadline} (R26). Optional: {@code reinstatementFee}.
   */
  LAPSED("certification", "renewalYear", "reinstatementDeadline"),
  /** Reinstated (R26): certified again; {@code nextRenewalYear} and {@code validThrough} as for APPROVED. */
  REINSTATED("certification", "nextRenewalYear", "validThrough"),
  /** Expired for good (R27): must apply as a new candidate and pass the exam. */
  EXPIRED("certification");

  private final List<String> requiredFacts;

  MailTemplate(String... requiredFacts) {
    this.requiredFacts = List.of(requiredFacts);
  }

  /** The facts the caller must supply (besides the ones the notifier adds itself). */
  public List<String> requiredFacts() {
    return requiredFacts;
  }

  /** The base name of the template files, e.g. {@code invoice-placed}. */
  public String resourceName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
