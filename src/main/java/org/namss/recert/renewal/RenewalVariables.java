package org.namss.recert.renewal;

import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of the renewal processes, in one place. They hold references and dates, never payloads: the
 * certificant, application and invoice are loaded from the domain tables by id.
 */
public final class RenewalVariables {

  public static final String CERTIFICANT_ID = "certificantId";
  public static final String CERTIFICANT_NUMBER = "certificantNumber";
  public static final String RENEWAL_YEAR = "renewalYear";
  public static final String APPLICATION_ID = "applicationId";
  public static final String INVOICE_ID = "invoiceId";
  /** ISO date the application was submitted (input of submissionTiming), null until then. */
  public static final String SUBMITTED_ON = "submittedOn";
  /** Of an application recorded by staff (EmailedApplicationProcess): the renewal's instance it was handed to. */
  public static final String RENEWAL_PROCESS_INSTANCE_ID = "renewalProcessInstanceId";
  /** ISO date on the check (R15), from the check form; input of submissionTiming as checkDatedOn. */
  public static final String CHECK_DATE = "checkDate";
  public static final String CHECK_NUMBER = "checkNumber";
  public static final String CHECK_AMOUNT = "checkAmount";
  public static final String CHECK_PAYER = "checkPayer";
  public static final String SUBMISSION_TIMING = "submissionTiming";
  public static final String EXTENSION_GRANTED = "extensionGranted";
  public static final String REINSTATING = "reinstating";
  public static final String CE_COMPLETE = "ceComplete";
  public static final String PAID_IN_FULL = "paidInFull";
  public static final String PAYMENT_NOTE = "paymentNote";
  public static final String PAYMENT_ID = "paymentId";
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String REVIEW_MESSAGE = "reviewMessage";
  public static final String MAIL_TEMPLATE = "mailTemplate";
  /** Counts the instance's e-mails, for their de-duplication key (RenewalNotifications.pass). */
  public static final String MAIL_COUNT = "mailCount";

  // timer dates (java.util.Date, as the engine's timers want them); the calendar's own are read by RenewalDates
  /**
   * The deadline of the application (the lapse date, an extension's end or the reinstatement deadline) as renewals
   * opened by model versions before 2026-12-07 carry it: their timers read this variable, so it is still moved when
   * such a renewal is extended or lapses. Newer renewals have no such variable; their timers ask
   * {@link RenewalDates#completionDeadline}.
   */
  public static final String COMPLETION_DEADLINE = "completionDeadline";
  public static final String REVIEW_DUE_AT = "reviewDueAt";
  public static final String REVIEW_ESCALATE_AT = "reviewEscalateAt";
  /** When the changes a reviewer asked for are due ({@link RenewalDates#changesDeadline}), while they are awaited. */
  public static final String CHANGES_DUE_AT = "changesDueAt";
  /** When the reviewer asked for the changes: CE added from then on is the changes (Gateway_ChangesArrived). */
  public static final String CHANGES_REQUESTED_AT = "changesRequestedAt";

  // what the task forms show: task-local copies of domain facts (ReviewSummaries, PaymentTaskListener)
  public static final String CERTIFICANT_NAME = "certificantName";
  public static final String CERTIFICATION_CATEGORY = "certificationCategory";
  public static final String CREDIT_SUMMARY = "creditSummary";
  public static final String CE_ACTIVITIES_MARKDOWN = "ceActivitiesMarkdown";
  public static final String INVOICE_NUMBER = "invoiceNumber";
  public static final String INVOICE_TOTAL = "invoiceTotal";
  public static final String EXTENSION_DEADLINE = "extensionDeadline";
  public static final String EXTENSION_FEE_PAID = "extensionFeePaid";

  /**
   * The variables whose history is not kept (unless {@code recert.history.working-variables} is true): copies of
   * domain data that the task forms show, set when a task is created and gone when it completes (the domain tables
   * keep the facts: certificant, CE, invoice), and the e-mail counter, updated with every message. Nothing reads
   * their history; each cost a history row written, read back and updated with every change and removal
   * (docs/performance.md).
   */
  public static final Set<String> WORKING = Set.of(MAIL_COUNT, CERTIFICANT_NAME, CERTIFICATION_CATEGORY,
      CREDIT_SUMMARY, CE_ACTIVITIES_MARKDOWN, INVOICE_NUMBER, INVOICE_TOTAL, EXTENSION_DEADLINE,
      EXTENSION_FEE_PAID);

  // messages
  public static final String MESSAGE_APPLICATION_SUBMITTED = "ApplicationSubmitted";
  public static final String MESSAGE_EXTENSION_GRANTED = "ExtensionGranted";
  public static final String MESSAGE_CE_UPDATED = "CeUpdated";
  public static final String MESSAGE_CARD_PAYMENT_CONFIRMED = "CardPaymentConfirmed";

  private RenewalVariables() {}

  public static Long certificantId(VariableScope scope) {
    return ((Number) scope.getVariable(CERTIFICANT_ID)).longValue();
  }

  public static int renewalYear(VariableScope scope) {
    return ((Number) scope.getVariable(RENEWAL_YEAR)).intValue();
  }

  public static Long applicationId(VariableScope scope) {
    Object value = scope.getVariable(APPLICATION_ID);
    return value == null ? null : ((Number) value).longValue();
  }

  public static Long invoiceId(VariableScope scope) {
    Object value = scope.getVariable(INVOICE_ID);
    return value == null ? null : ((Number) value).longValue();
  }

  public static boolean flag(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  public static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  public static Date date(VariableScope scope, String name) {
    return (Date) scope.getVariable(name);
  }

  /** The business key of a renewal: certificant number and renewal year, e.g. {@code 100234-2026}. */
  public static String businessKey(String certificantNumber, int renewalYear) {
    return certificantNumber + "-" + renewalYear;
  }
}
