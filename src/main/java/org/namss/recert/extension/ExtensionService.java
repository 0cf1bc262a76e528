package org.namss.recert.extension;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.BillingService.CheckResult;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.ce.CeProgress;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificantService.DueRenewal;
import org.namss.recert.config.TimeSource;
import org.namss.recert.renewal.ApplyCheckPaymentDelegate;
import org.namss.recert.renewal.CheckPaymentValidation;
import org.namss.recert.renewal.RenewalCase;
import org.namss.recert.renewal.RenewalCaseRepository;
import org.namss.recert.renewal.RenewalDates;
import org.namss.recert.renewal.RenewalPhase;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.renewal.OwnStart;
import org.namss.recert.renewal.StartForms;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.ExtensionDecision;
import org.namss.recert.rules.SubmissionTiming;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extension requests (R20-R22): eligibility from extensionEligibility (cut-off and half the credits with
 * certificates), the extension fee's invoice (feeSchedule), the audit, and on approval the renewal moves to
 * "extended" until the calendar's extension deadline.
 */
@Service
public class ExtensionService {

  /** The application {@link #request} is starting the process for, in this thread, for {@link #prepare}. */
  private static final OwnStart<RecertApplication> STARTING = new OwnStart<>();

  public static final String PROCESS_KEY = "ExtensionProcess";
  public static final String REQUIRED_TOTAL_CREDITS = "requiredTotalCredits";
  public static final String CERTIFICATE_CREDITS = "certificateCredits";
  public static final String REQUESTED_AT = "requestedAt";
  public static final String REFUSAL_REASON = "refusalReason";
  /** On the audit form, how the fee was paid when the task showed it unpaid: CARD or CHECK. */
  public static final String FEE_PAID_BY = "extensionFeePaidBy";

  private final CertificantService certificants;
  private final CeService ce;
  private final DecisionRules rules;
  private final RecertApplicationRepository applications;
  private final RenewalCaseRepository cases;
  private final RenewalService renewals;
  private final RuntimeService runtimeService;
  private final TimeSource time;
  private final RenewalDates dates;
  private final BillingService billing;
  private final CheckPaymentValidation checkPaymentValidation;

  public ExtensionService(CertificantService certificants, CeService ce, DecisionRules rules,
      RecertApplicationRepository applications, RenewalCaseRepository cases, RenewalService renewals,
      RuntimeService runtimeService, TimeSource time, RenewalDates dates, BillingService billing,
      CheckPaymentValidation checkPaymentValidation) {
    this.certificants = certificants;
    this.ce = ce;
    this.rules = rules;
    this.applications = applications;
    this.cases = cases;
    this.renewals = renewals;
    this.runtimeService = runtimeService;
    this.time = time;
    this.dates = dates;
    this.billing = billing;
    this.checkPaymentValidation = checkPaymentValidation;
  }

  /** The certificant asks through the API: refused at once with the table's reason, or started. */
  @Transactional
  public RecertApplication request(Certificant certificant) {
    Certificant managed = certificants.get(certificant.getId());
    DueRenewal due = certificants.currentRenewal(managed)
        .orElseThrow(() -> ApiException.refused("No certification of yours can be extended"));
    notAwaitingApplication(managed.getId(), due.renewalYear()).ifPresent(reason -> {
      throw ApiException.conflict(reason);
    });
    LocalDateTime requestedAt = time.localNow().withNano(0); // to the second, as staff key it
    beforeApplicationOpens(due.renewalYear(), requestedAt.toLocalDate()).ifPresent(reason -> {
      throw ApiException.refused(reason);
    });
    CeProgress progress = ce.progress(managed, due.renewalYear());
    ExtensionDecision decision = rules.extensionEligibility(due.renewalYear(), progress.requirement().totalCredits(),
        progress.totalCredits(), requestedAt);
    if (!decision.eligible()) {
      throw ApiException.refused(decision.reason());
    }
    RecertApplication application = createApplication(managed, due);
    ProcessInstance instance = STARTING.during(application, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(businessKey(managed.getNumber(), due.renewalYear()) + "-extension")
        .setVariables(Variables.createVariables()
            .putValue(CERTIFICANT_ID, managed.getId())
            .putValue(RENEWAL_YEAR, due.renewalYear())
            .putValue(APPLICATION_ID, application.getId())
            .putValue(REQUESTED_AT, requestedAt.toString()))
        .execute());
    application.attachProcess(instance.getId());
    return application;
  }

  /**
   * First step of the extension process; also when staff start it from certificates that came by e-mail (Tasklist's
   * start form or the engine's REST API), which give the certificant's number and the renewal year, never the
   * application's own ids, and whose year must be a whole number (400 otherwise, nothing started).
   */
  @Transactional
  public void prepare(DelegateExecution execution) {
    RecertApplication own = STARTING.current();
    boolean ownStart = own != null && own.getId().equals(execution.getVariable(APPLICATION_ID));
    if (!ownStart) {
      StartForms.refuseGiven(execution, CERTIFICANT_ID, APPLICATION_ID);
    }
    Certificant certificant = StartForms.certificant(certificants, execution);
    int year = ownStart ? renewalYear(execution) : StartForms.renewalYear(execution);
    notAwaitingApplication(certificant.getId(), year).ifPresent(reason -> {
      throw new FormFieldValidationException(CERTIFICANT_NUMBER, reason); // Tasklist shows it; REST answers 400
    });
    DueRenewal due = StartForms.refusing(() -> certificants.renewalIn(certificant, year));
    LocalDateTime requestedAt = requestedAt(execution);
    beforeApplicationOpens(year, requestedAt.toLocalDate()).ifPresent(reason -> {
      throw new FormFieldValidationException(REQUESTED_AT, reason);
    });
    execution.setVariable(REQUESTED_AT, requestedAt.toString());
    CeProgress progress = ce.progress(certificant, year);
    execution.setVariable(CERTIFICANT_ID, certificant.getId());
    execution.setVariable(CERTIFICANT_NUMBER, certificant.getNumber());
    execution.setProcessBusinessKey(businessKey(certificant.getNumber(), year) + "-extension");
    execution.setVariable(REQUIRED_TOTAL_CREDITS, progress.requirement().totalCredits().doubleValue());
    execution.setVariable(CERTIFICATE_CREDITS, progress.totalCredits().doubleValue());
    if (execution.getVariable(APPLICATION_ID) == null) {
      RecertApplication application = StartForms.refusing(() -> createApplication(certificant, due));
      application.attachProcess(execution.getProcessInstanceId());
      execution.setVariable(APPLICATION_ID, application.getId());
    }
  }

  /**
   * R20: when the request arrived, in the association's time zone: the start form's "Request received" for one
   * that came by e-mail (Camunda Forms sends it with or without an offset), else now. Not in the future.
   */
  private LocalDateTime requestedAt(DelegateExecution execution) {
    Object given = execution.getVariable(REQUESTED_AT);
    LocalDateTime now = time.localNow();
    if (given == null || given.toString().isBlank()) {
      return now.withNano(0);
    }
    LocalDateTime at;
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(given.toString().strip(),
          OffsetDateTime::from, LocalDateTime::from);
      at = parsed instanceof OffsetDateTime offset ? offset.atZoneSameInstant(time.zone()).toLocalDateTime()
          : (LocalDateTime) parsed;
    } catch (DateTimeParseException e) {
      throw new FormFieldValidationException(REQUESTED_AT, "must be a date and time such as 2026-12-01T16:30");
    }
    if (at.isAfter(now)) {
      throw new FormFieldValidationException(REQUESTED_AT, "must not be in the future");
    }
    return at.withNano(0);
  }

  /**
   * R1a, R20: an extension of a renewal year is asked for once its application opens (1 August), not before: the
   * day submissionTiming, which decides that for applications, says TOO_EARLY.
   */
  private Optional<String> beforeApplicationOpens(int year, LocalDate on) {
    if (rules.submissionTiming(year, on, null, false) != SubmissionTiming.TOO_EARLY) {
      return Optional.empty();
    }
    return Optional.of("An extension for renewal year " + year + " can be requested once its application opens on "
        + rules.renewalCalendar(year).applicationOpens() + " (R1a, R20).");
  }

  /**
   * R20: an extension is for a renewal still waiting for its application. Once the application is in (or the
   * renewal lapsed, completed or expired) the renewal's process no longer waits for an extension, so a request
   * could be invoiced but never granted. Empty when the renewal is OPEN or not opened yet (the grant opens it).
   */
  private Optional<String> notAwaitingApplication(Long certificantId, int year) {
    return cases.findByCertificantIdAndRenewalYear(certificantId, year)
        .filter(renewal -> renewal.getPhase() != RenewalPhase.OPEN)
        .map(renewal -> switch (renewal.getPhase()) {
          case SUBMITTED -> "The " + year + " application was already submitted; an extension is only for a "
              + "renewal still waiting for its application (R20).";
          case EXTENDED -> "The " + year + " renewal is already extended (R21).";
          default -> "The " + year + " renewal is " + renewal.getPhase().name().toLowerCase(Locale.ROOT)
              + "; an extension is only for a renewal still waiting for its application (R20).";
        });
  }

  private RecertApplication createApplication(Certificant certificant, DueRenewal due) {
    applications.findByCertificantIdAndRenewalYearAndKind(certificant.getId(), due.renewalYear(),
        ApplicationKind.EXTENSION).ifPresent(previous -> {
          throw ApiException.conflict("An extension for " + due.renewalYear() + " was already requested; its status "
              + "is " + previous.getStatus());
        });
    return applications.saveAndFlush(new RecertApplication(certificant.getId(), due.renewalYear(),
        ApplicationKind.EXTENSION, due.category(), due.firstTimeDual(), null, time.now()));
  }

  @Transactional
  public void refuse(DelegateExecution execution) {
    Object auditReason = execution.getVariable("auditReason");
    String reason = auditReason != null && !auditReason.toString().isBlank() ? auditReason.toString()
        : text(execution, REFUSAL_REASON);
    execution.setVariable(REFUSAL_REASON, reason);
    applications.findById(applicationId(execution)).orElseThrow()
        .decide(ApplicationStatus.REJECTED, reason, time.now());
    Long invoiceId = invoiceId(execution); // none when refused at once, before invoicing
    if (invoiceId != null) {
      billing.voidIfOpen(invoiceId);
    }
  }

  /**
   * R21: approved: status extended (still in good standing) and the renewal's process now waits for the
   * completed application until the extension deadline, after which it lapses.
   */
  @Transactional
  public void grant(DelegateExecution execution) {
    Long certificantId = certificantId(execution);
    int year = renewalYear(execution);
    boolean opened = renewals.open(certificantId, year).isPresent();
    RenewalCase renewal = cases.findByCertificantIdAndRenewalYear(certificantId, year).orElseThrow();
    if (renewal.getPhase() != RenewalPhase.OPEN) {
      throw new BadUserRequestException(notGrantable(renewal, year)); // Tasklist shows it; REST answers 400
    }
    requireFeePaid(execution);
    String renewalPid = renewal.getProcessInstanceId();
    renewals.extend(certificantId, year);
    applications.findById(applicationId(execution)).orElseThrow()
        .decide(ApplicationStatus.APPROVED, null, time.now());
    MessageCorrelationBuilder granted = runtimeService.createMessageCorrelation(MESSAGE_EXTENSION_GRANTED)
        .processInstanceId(renewalPid).setVariable(EXTENSION_GRANTED, true);
    if (runtimeService.createVariableInstanceQuery().processInstanceIdIn(renewalPid).variableName(COMPLETION_DEADLINE)
        .count() > 0) { // a renewal of a model version whose timers read the variable
      granted.setVariable(COMPLETION_DEADLINE, dates.extensionLapseAt(year));
    }
    try {
      granted.correlate();
    } catch (MismatchingMessageCorrelationException e) {
      // opened by this grant, the renewal's first step (the "application open" e-mail) has not run yet
      throw new BadUserRequestException("The " + year + " renewal of this certificant " + (opened ? "was not open "
          + "yet" : "is not waiting for its application") + ", so it cannot be extended in this step: ask operations "
          + "to open it (POST /api/renewals), then complete the audit again.", e);
    }
  }

  /**
   * R20, R22: the extension fee is paid with the request. When the audit is approved its invoice must be paid: by a
   * card payment the provider confirmed, or by the check staff enter on the audit form (it says which:
   * {@code extensionFeePaidBy}), validated as any check (R14) and paying the fee in full. Otherwise the approval is
   * refused (400, nothing recorded or changed) with what to do. A check entered for a fee that was paid meanwhile is
   * refused rather than recorded as a second payment.
   */
  private void requireFeePaid(DelegateExecution execution) {
    Invoice fee = billing.invoice(invoiceId(execution));
    Object checkNumber = execution.getVariable(CHECK_NUMBER);
    boolean byCheck = "CHECK".equals(execution.getVariable(FEE_PAID_BY))
        || checkNumber != null && !checkNumber.toString().isBlank();
    String invoice = "the extension fee's invoice " + fee.getInvoiceNumber() + " (" + fee.getTotal().toPlainString()
        + " USD)";
    if (fee.getStatus() == InvoiceStatus.PAID) {
      if (byCheck) {
        throw new BadUserRequestException("The check was not recorded: " + invoice + " was paid meanwhile. "
            + "Choose Card and approve again.");
      }
      return;
    }
    if (!byCheck) {
      throw new BadUserRequestException("The extension cannot be granted before its fee is paid (R20, R22): "
          + invoice + " is " + fee.getStatus() + ", no card payment is confirmed. Enter the check that paid it, or "
          + "approve once the card payment is confirmed.");
    }
    checkPaymentValidation.notify(execution); // 400 with every field that is wrong
    CheckResult result = ApplyCheckPaymentDelegate.recordEntered(billing, execution, fee.getId(), null);
    if (!result.paidInFull()) {
      throw new BadUserRequestException("Check " + checkNumber + " leaves " + result.balance().toPlainString()
          + " USD of " + invoice + " unpaid, so it was not recorded: the extension is granted once the whole fee "
          + "is paid (R20, R22).");
    }
  }

  /** Why an approved audit cannot extend the renewal, and what staff do instead (R20, R25). */
  private static String notGrantable(RenewalCase renewal, int year) {
    return switch (renewal.getPhase()) {
      case SUBMITTED -> "The " + year + " application was submitted while this audit was open, so no extension is "
          + "needed: choose Refuse and say so in the reason.";
      case LAPSED, EXPIRED -> "The " + year + " renewal lapsed before this audit was decided and can no longer be "
          + "extended (R25): choose Refuse and say so in the reason; a reinstatement is possible until its deadline "
          + "(R26).";
      default -> "The " + year + " renewal is " + renewal.getPhase().name().toLowerCase(Locale.ROOT) + ", not "
          + "waiting for its application, so it cannot be extended: choose Refuse and give the reason.";
    };
  }
}
