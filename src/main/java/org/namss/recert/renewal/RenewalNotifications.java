package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.ce.CeProgress;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.notification.MailTemplate;
import org.namss.recert.notification.Notifier;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.FeeLine;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.SubmissionTiming;
import org.namss.recert.rules.RenewalCalendar;
import org.namss.recert.rules.ReviewDeadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the facts each message states, from the domain tables (the process carries only references), and
 * sends it once: the de-duplication key is the process instance, the sending activity and which pass through it
 * this is ({@link #pass}), so a retried job never sends a message twice.
 */
@Service
public class RenewalNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(RenewalNotifications.class);

  private final Notifier notifier;
  private final CertificantService certificants;
  private final BillingService billing;
  private final CeService ce;
  private final DecisionRules rules;
  private final TimeSource time;

  public RenewalNotifications(Notifier notifier, CertificantService certificants, BillingService billing, CeService ce,
      DecisionRules rules, TimeSource time) {
    this.time = time;
    this.notifier = notifier;
    this.certificants = certificants;
    this.billing = billing;
    this.ce = ce;
    this.rules = rules;
  }

  @Transactional
  public void send(DelegateExecution execution, MailTemplate template) {
    Certificant certificant = certificants.get(certificantId(execution));
    int year = renewalYear(execution);
    Map<String, Object> facts = facts(certificant, year, template);
    switch (template) {
      case APPLICATION_RECEIVED -> {
        facts.put("submittedOn", text(execution, SUBMITTED_ON));
        reviewDeadlines(execution, facts);
      }
      case PAYMENT_RECEIVED -> {
        reviewDeadlines(execution, facts);
        facts.putAll(invoiceFacts(invoiceId(execution)));
        // what was received: a check may pay more than the invoice (R14), which the certificant is told
        BigDecimal received = billing.amountPaid(invoiceId(execution));
        facts.put("amount", received);
        BigDecimal surplus = received.subtract((BigDecimal) facts.get("total"));
        if (surplus.signum() > 0) {
          facts.put("overpaid", surplus);
        }
        facts.put("receivedOn", time.today());
      }
      case SOMETHING_MISSING -> {
        CeProgress progress = ce.progress(certificant, year);
        if (progress.met()) {
          // completed while this e-mail waited for its job (SMTP down, an incident): nothing is missing any more,
          // and Gateway_CeCompleteBeforeWait, right after, checks the credits again
          LOG.info("Mail {} of renewal {} not sent: the CE is complete now", template,
              execution.getProcessInstanceId());
          return;
        }
        facts.put("missing", progress.missing());
      }
      case INVOICE_PLACED -> facts.putAll(invoiceFacts(invoiceId(execution)));
      case CHANGES_REQUESTED -> {
        facts.put("message", text(execution, REVIEW_MESSAGE));
        java.util.Date due = date(execution, CHANGES_DUE_AT);
        if (due != null) {
          facts.put("changesDue", time.lastDayBefore(due.toInstant()));
        }
      }
      case REJECTED -> facts.put("reason", text(execution, REVIEW_MESSAGE));
      case EXTENSION_REFUSED -> facts.put("reason", text(execution, "refusalReason"));
      default -> { }
    }
    String dedupKey = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + pass(execution);
    notifier.send(template, certificant.primaryEmail(), certificant.fullName(), facts, dedupKey);
  }

  /**
   * Which pass of the process through the sending task this is, the same on every attempt of that pass: a counter in
   * the process variable {@code mailCount}, read and incremented in the send's own transaction. A failed attempt
   * rolls the increment back with everything else, so its retry counts the same; and so does a re-run after a
   * crash lost the transactions that led to the send (H2 writes commits to its file a moment after they return):
   * the process replays the same steps from the state that was written, and each send gets the key it had before,
   * so a message sent again carries the same Message-ID. Each pass through a loop ("changes requested" twice) counts
   * one more. From 2026-12-04 to 2026-12-05 the key was the id of the job running the send task instead, which saves
   * a variable write per e-mail but is not the same after such a crash: the re-run creates a new job with a new id,
   * and the crash test caught a message delivered twice under two Message-IDs (docs/resilience.md).
   */
  static String pass(DelegateExecution execution) {
    Object counter = execution.getVariable(MAIL_COUNT);
    int count = counter instanceof Number n ? n.intValue() : 0;
    execution.setVariable(MAIL_COUNT, count + 1);
    return String.valueOf(count);
  }

  /** Facts every renewal message may use: who, which year and its dates (from renewalCalendar). */
  public Map<String, Object> facts(Certificant certificant, int year) {
    return facts(certificant, year, null);
  }

  /** The facts of every message, and the fee facts that depend on the certification category for this template. */
  private Map<String, Object> facts(Certificant certificant, int year, MailTemplate template) {
    RenewalCalendar calendar = rules.renewalCalendar(year);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("firstName", certificant.getFirstName());
    facts.put("lastName", certificant.getLastName());
    facts.put("name", certificant.fullName());
    facts.put("certificantNumber", certificant.getNumber());
    facts.put("renewalYear", year);
    int cycle = rules.cycleYears(certificant.getCertifications().get(0).getType().name());
    facts.put("nextRenewalYear", year + cycle);
    facts.put("applicationOpens", calendar.applicationOpens());
    facts.put("onTimeDeadline", calendar.onTimeDeadline());
    facts.put("lateDeadline", calendar.lateDeadline());
    facts.put("lapseDate", calendar.lapseDate());
    facts.put("extensionDeadline", calendar.extensionDeadline());
    facts.put("newDeadline", calendar.extensionDeadline());
    facts.put("reinstatementDeadline", calendar.reinstatementDeadline());
    facts.put("validThrough", rules.renewalCalendar(year + cycle).lateDeadline());
    // the certifications of this renewal: due in its year, or renewed by it (due a cycle later, first earned before
    // the year); not one first earned in the renewal year, which is due a cycle later on its own (R3, R25)
    List<String> types = certificant.getCertifications().stream()
        .filter(c -> c.getRenewalYear() == year
            || c.getRenewalYear() == year + cycle && c.getInitialCertificationDate().getYear() < year)
        .map(c -> c.getType().name()).distinct().toList();
    if (types.isEmpty()) {
      types = certificant.getCertifications().stream().map(c -> c.getType().name()).toList();
    }
    facts.put("certification", String.join(" and ", types));
    CertificationCategory category = CertificationCategory.of(types);
    facts.put("lateFee", fee(SubmissionTiming.LATE, "LATE_FEE", category));
    if (template == MailTemplate.LAPSED) { // R26, R28: what reinstatement costs on top of the recertification fee
      facts.put("reinstatementFee", fee(SubmissionTiming.REINSTATEMENT, "REINSTATEMENT_FEE", category));
    }
    return facts;
  }

  /** R16: within how many days of the fee the certificant hears back (reviewDeadlines, as PaymentReceived uses). */
  private void reviewDeadlines(DelegateExecution execution, Map<String, Object> facts) {
    ReviewDeadlines deadlines = rules.reviewDeadlines(PaymentReceived.reviewKind(flag(execution, REINSTATING)));
    facts.put("reviewDueDays", deadlines.dueDays());
    facts.put("escalateDays", deadlines.escalateDays());
  }

  /**
   * The amount of one fee line of feeSchedule (R28) for a recertification with this timing. A table without the line
   * is refused, not mailed as a fee of $0: the messages name the fee, so the send's job fails with this message and
   * becomes an incident after its retries, and the mail goes out once the table is corrected and the job retried.
   */
  private BigDecimal fee(SubmissionTiming timing, String feeCode, CertificationCategory category) {
    return rules.fees(FeePurpose.RECERTIFICATION, timing, category).stream()
        .filter(line -> feeCode.equals(line.feeCode())).map(FeeLine::amount).findFirst()
        .orElseThrow(() -> new IllegalStateException("The decision table feeSchedule has no " + feeCode
            + " line for a " + timing + " recertification of " + category + ", which this e-mail states (R28)"));
  }

  private Map<String, Object> invoiceFacts(Long invoiceId) {
    Invoice invoice = billing.invoice(invoiceId);
    List<Map<String, Object>> lines = invoice.getLines().stream()
        .map(line -> Map.<String, Object>of("description", line.getDescription(), "amount", line.getAmount()))
        .toList();
    return Map.of("invoiceNumber", invoice.getInvoiceNumber(), "total", invoice.getTotal(), "lines", lines,
        "purpose", invoice.getPurpose().name().toLowerCase(java.util.Locale.ROOT));
  }
}
