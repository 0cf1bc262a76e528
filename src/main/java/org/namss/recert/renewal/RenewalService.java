package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificantService.DueRenewal;
import org.namss.recert.certificant.Certification;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.RenewalCalendar;
import org.namss.recert.rules.SubmissionTiming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifecycle of one certificant's renewal year: opening it (one process instance per certificant and year),
 * taking the application, and the status changes the process makes (renewed, rejected, lapsed, expired), each
 * reflected at once in good standing (R17).
 */
@Service
public class RenewalService {

  public static final String PROCESS_KEY = "RecertificationProcess";
  static final String EXPIRED_MESSAGE = "The certification has expired: the renewal and reinstatement period is "
      + "over. You must apply as a new candidate and pass the exam (R27).";
  private static final Logger LOG = LoggerFactory.getLogger(RenewalService.class);
  /** The case whose instance {@link #start} is starting in this thread, for {@link #prepare}. */
  private static final OwnStart<RenewalCase> STARTING = new OwnStart<>();

  private final RenewalCaseRepository cases;
  private final CertificantService certificants;
  private final RecertApplicationRepository applications;
  private final DecisionRules rules;
  private final RuntimeService runtimeService;
  private final TimeSource time;
  private final BillingService billing;

  public RenewalService(RenewalCaseRepository cases, CertificantService certificants,
      RecertApplicationRepository applications, DecisionRules rules, RuntimeService runtimeService,
      TimeSource time, BillingService billing) {
    this.billing = billing;
    this.cases = cases;
    this.certificants = certificants;
    this.applications = applications;
    this.rules = rules;
    this.runtimeService = runtimeService;
    this.time = time;
  }

  /**
   * Opens a renewal year for one certificant: a case row and its process instance in one transaction. The
   * unique key on (certificant, year) makes this idempotent: when the case exists nothing happens.
   *
   * @return the process instance id, empty when the year was already open for this certificant
   */
  @Transactional
  public Optional<String> open(Long certificantId, int renewalYear) {
    if (cases.existsByCertificantIdAndRenewalYear(certificantId, renewalYear)) {
      return Optional.empty();
    }
    // with its certifications and addresses, which the process's first steps read in this transaction
    Certificant certificant = certificants.get(certificantId);
    return Optional.of(start(certificant, renewalYear, Variables.createVariables().putValue(SUBMITTED_ON, null))
        .getProcessInstanceId());
  }

  /** The case row and its process instance, in the caller's transaction (the unique key refuses a second). */
  private RenewalCase start(Certificant certificant, int renewalYear, VariableMap variables) {
    RenewalCase renewal = cases.saveAndFlush(new RenewalCase(certificant.getId(), renewalYear, time.now()));
    ProcessInstance instance = STARTING.during(renewal, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(businessKey(certificant.getNumber(), renewalYear))
        .setVariables(variables.putValue(CERTIFICANT_ID, certificant.getId()).putValue(RENEWAL_YEAR, renewalYear))
        .execute());
    renewal.attach(instance.getId());
    return renewal;
  }

  /**
   * The certificant submits the application of a renewal year (API). TOO_EARLY and EXPIRED are refused with
   * the reason (R1a, R27); otherwise the application is recorded and handed to the renewal's process.
   */
  @Transactional
  public RecertApplication submit(Certificant certificant, Integer requestedYear) {
    return submit(certificant, requestedYear, time.today());
  }

  /**
   * Staff record an application that came by e-mail (process {@code EmailedApplicationProcess}, its start form): as
   * {@link #submit} on the day it arrived, which decides the late fee (R8), handed to the renewal already open or
   * opening it. Refusals (a future day, no such certificant, R1a, R27, already submitted) are the start form's (400);
   * nothing is recorded or started then.
   */
  @Transactional
  public void receiveByEmail(DelegateExecution execution) {
    StartForms.refuseGiven(execution, CERTIFICANT_ID, APPLICATION_ID);
    Certificant certificant = StartForms.certificant(certificants, execution);
    int year = StartForms.renewalYear(execution);
    LocalDate on = receivedOn(execution);
    RecertApplication application = StartForms.refusing(() -> submit(certificant, year, on));
    execution.setProcessBusinessKey(businessKey(certificant.getNumber(), year) + "-emailed");
    execution.setVariable(CERTIFICANT_ID, certificant.getId());
    execution.setVariable(APPLICATION_ID, application.getId());
    execution.setVariable(RENEWAL_PROCESS_INSTANCE_ID, application.getProcessInstanceId());
  }

  /**
   * The day staff typed as "Application received on": a date (yyyy-mm-dd), not after today (a mistyped year would
   * lapse, R25); missing or malformed is refused on the form (400), as a day after today.
   */
  private LocalDate receivedOn(DelegateExecution execution) {
    LocalDate date = StartForms.day(execution, SUBMITTED_ON, "The day the application was received");
    if (date.isAfter(time.today())) {
      throw new FormFieldValidationException(SUBMITTED_ON, "The application cannot have been received on " + date
          + ", after today");
    }
    return date;
  }

  private RecertApplication submit(Certificant certificant, Integer requestedYear, LocalDate today) {
    Certificant managed = certificants.get(certificant.getId());
    if (managed.getCertifications().stream().allMatch(c -> c.getStatus() == CertificationStatus.EXPIRED)) {
      throw ApiException.refused(EXPIRED_MESSAGE);
    }
    DueRenewal due = requestedYear != null ? certificants.renewalIn(managed, requestedYear)
        : certificants.currentRenewal(managed).orElseThrow(() -> ApiException.refused(EXPIRED_MESSAGE));
    int year = due.renewalYear();
    Optional<RenewalCase> existing = cases.findByCertificantIdAndRenewalYear(managed.getId(), year);
    boolean extended = existing.map(c -> c.getPhase() == RenewalPhase.EXTENDED).orElse(false);
    SubmissionTiming timing = rules.submissionTiming(year, today, null, extended);
    RenewalCalendar calendar = rules.renewalCalendar(year);
    switch (timing) {
      case TOO_EARLY -> throw ApiException.refused("The application for renewal year " + year + " opens on "
          + calendar.applicationOpens() + " (R1a).");
      case EXPIRED -> throw ApiException.refused(EXPIRED_MESSAGE);
      default -> { }
    }
    ApplicationKind kind = timing == SubmissionTiming.REINSTATEMENT ? ApplicationKind.REINSTATEMENT
        : ApplicationKind.RECERTIFICATION;
    applications.findByCertificantIdAndRenewalYearAndKind(managed.getId(), year, kind).ifPresent(previous -> {
      throw ApiException.conflict("The " + kind.name().toLowerCase() + " application for " + year
          + " was already submitted on " + LocalDate.ofInstant(previous.getSubmittedAt(), time.zone())
          + "; its status is " + previous.getStatus());
    });
    RecertApplication application = applications.saveAndFlush(new RecertApplication(managed.getId(), year, kind,
        due.category(), due.firstTimeDual(), timing, time.now()));
    VariableMap variables = Variables.createVariables()
        .putValue(SUBMITTED_ON, today.toString())
        .putValue(APPLICATION_ID, application.getId());
    if (existing.isEmpty()) {
      // not opened by the calendar (e.g. added late): open it now, already submitted
      RenewalCase renewal = start(managed, year, variables);
      renewal.submitted(time.now());
      application.attachProcess(renewal.getProcessInstanceId());
      return application;
    }
    RenewalCase renewal = existing.get();
    try {
      runtimeService.createMessageCorrelation(MESSAGE_APPLICATION_SUBMITTED)
          .processInstanceId(renewal.getProcessInstanceId())
          .setVariables(variables)
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw ApiException.conflict("The renewal for " + year + " is not waiting for an application now (phase "
          + renewal.getPhase() + ")");
    }
    renewal.submitted(time.now());
    application.attachProcess(renewal.getProcessInstanceId());
    return application;
  }

  /**
   * First step of every renewal instance: resolves the certificant, registers the case when staff started it, and
   * sets the flags and placeholders that its gateways and expressions read.
   *
   * <p>An instance {@link #start} starts (the calendar's opening, {@link #open}, a first submission) comes with the
   * certificant's id, its case and, when submitted, its application. Any other start is staff's (the start form,
   * through the engine's REST API): it gives the certificant's number, the renewal year and the day the application
   * was received, and is refused on the form (400, nothing started) when the renewal of that year is already open,
   * when one of them is missing or malformed, when it gives the application's own ids ({@code certificantId},
   * {@code applicationId}), and on the rules' refusals (R1a, R27).
   */
  @Transactional
  public void prepare(DelegateExecution execution) {
    RenewalCase own = STARTING.current();
    boolean ownStart = own != null && own.getProcessInstanceId() == null
        && own.getCertificantId().equals(execution.getVariable(CERTIFICANT_ID));
    Certificant certificant;
    int year;
    if (ownStart) {
      year = renewalYear(execution);
      certificant = StartForms.certificant(certificants, execution);
    } else {
      StartForms.refuseGiven(execution, CERTIFICANT_ID, APPLICATION_ID);
      certificant = StartForms.certificant(certificants, execution);
      year = StartForms.renewalYear(execution);
      refuseAlreadyOpen(execution, certificant, year);
      LocalDate date = receivedOn(execution);
      execution.setVariable(SUBMITTED_ON, date.toString());
      StartForms.refusing(() -> registerStaffStart(execution, certificant, year, date));
    }
    execution.setVariable(CERTIFICANT_ID, certificant.getId());
    execution.setVariable(CERTIFICANT_NUMBER, certificant.getNumber());
    execution.setProcessBusinessKey(businessKey(certificant.getNumber(), year));
    if (!execution.hasVariable(SUBMITTED_ON)) {
      execution.setVariable(SUBMITTED_ON, null);
    }
    // the timers read their dates from renewalCalendar themselves (RenewalDates), the application's deadline too
    execution.setVariable(EXTENSION_GRANTED, false);
    execution.setVariable(REINSTATING, opensAsReinstatement(applicationId(execution), certificant.getId(), year));
    execution.setVariable(CHECK_DATE, null); // read by the check task's re-decision (JUEL: it must exist)
    // no checkDatedOn: submissionTiming's FEEL reads a variable that is not set as null (no check yet, R15)
  }

  /** One renewal per certificant and year: a staff start of one already open is refused (400, nothing started). */
  private void refuseAlreadyOpen(DelegateExecution execution, Certificant certificant, int year) {
    Optional<RenewalCase> existing = cases.findByCertificantIdAndRenewalYear(certificant.getId(), year);
    if (existing.isPresent() && !execution.getProcessInstanceId().equals(existing.get().getProcessInstanceId())) {
      throw new FormFieldValidationException(CERTIFICANT_NUMBER, "The renewal of " + certificant.getNumber()
          + " for " + year + " is already open (process " + existing.get().getProcessInstanceId() + "): record "
          + "the application with \"Application received by e-mail\", which hands it to the open renewal");
    }
  }

  /**
   * R25, R26: an application that opens its renewal after the lapse date (the renewal was never opened, e.g. the
   * certificant was added late) is a reinstatement. The certification lapsed on that date, so it is lapsed now, and
   * the renewal starts as one that lapsed: its deadline is the reinstatement deadline, not the lapse date that has
   * passed (which would lapse it again at once and drop the application).
   */
  private boolean opensAsReinstatement(Long applicationId, Long certificantId, int year) {
    boolean reinstatement = applicationId != null && applications.findById(applicationId)
        .map(a -> a.getTiming() == SubmissionTiming.REINSTATEMENT).orElse(false);
    if (reinstatement) {
      lapse(certificantId, year);
    }
    return reinstatement;
  }

  private void registerStaffStart(DelegateExecution execution, Certificant certificant, int year, LocalDate on) {
    DueRenewal due = certificants.renewalIn(certificant, year);
    SubmissionTiming timing = rules.submissionTiming(year, on, null, false);
    if (timing == SubmissionTiming.TOO_EARLY) {
      throw new IllegalArgumentException("The application for renewal year " + year + " opens on "
          + rules.renewalCalendar(year).applicationOpens() + " (R1a)");
    }
    if (timing == SubmissionTiming.EXPIRED) {
      throw new IllegalArgumentException(EXPIRED_MESSAGE);
    }
    Optional<RenewalCase> existing = cases.findByCertificantIdAndRenewalYear(certificant.getId(), year);
    if (existing.isPresent() && !execution.getProcessInstanceId().equals(existing.get().getProcessInstanceId())) {
      throw new IllegalArgumentException("The renewal of " + certificant.getNumber() + " for " + year
          + " is already open (process " + existing.get().getProcessInstanceId() + "): record the application "
          + "with \"Application received by e-mail\", which hands it to the open renewal");
    }
    {
      ApplicationKind kind = timing == SubmissionTiming.REINSTATEMENT ? ApplicationKind.REINSTATEMENT
          : ApplicationKind.RECERTIFICATION;
      RecertApplication application = applications.save(new RecertApplication(certificant.getId(), year, kind,
          due.category(), due.firstTimeDual(), timing, time.now()));
      application.attachProcess(execution.getProcessInstanceId());
      execution.setVariable(APPLICATION_ID, application.getId());
    }
    if (existing.isEmpty()) {
      RenewalCase renewal = cases.save(new RenewalCase(certificant.getId(), year, time.now()));
      renewal.attach(execution.getProcessInstanceId());
      renewal.submitted(time.now());
    }
  }

  /** R17, R19: approved: each due certification renewed for the next cycle; standing follows at once. */
  @Transactional
  public void renew(Long certificantId, int renewalYear, Long applicationId) {
    Certificant certificant = certificants.get(certificantId);
    for (Certification certification : certificants.renewalIn(certificant, renewalYear).certifications()) {
      certification.renew(time.now(), rules.cycleYears(certification.getType().name()));
    }
    moveCase(certificantId, renewalYear, RenewalPhase.COMPLETED);
    if (applicationId != null) {
      applications.findById(applicationId).ifPresent(a -> a.decide(ApplicationStatus.APPROVED, null, time.now()));
    }
    LOG.info("Renewal {} approved; certifications renewed", renewalYear);
  }

  @Transactional
  public void reject(Long applicationId, String reason) {
    applications.findById(applicationId).orElseThrow().decide(ApplicationStatus.REJECTED, reason, time.now());
  }

  /**
   * Second guard against a stray instance (a second renewal of one certificant and year, which the start no longer
   * lets through): the lapse and the expiry change the certification only from the instance its renewal case names.
   * Any other refuses with {@link StrayRenewalException}: an incident at once, logged, before the certification,
   * the badge or the letter are touched (skipping would let the stray instance go on to revoke the badge and send the
   * lapse letter). Operations cancel the stray instance in Cockpit.
   */
  @Transactional(readOnly = true)
  public void requireOwnCase(DelegateExecution execution, String step) {
    Long certificantId = certificantId(execution);
    int year = renewalYear(execution);
    String owner = cases.findByCertificantIdAndRenewalYear(certificantId, year)
        .map(RenewalCase::getProcessInstanceId).orElse(null);
    if (!execution.getProcessInstanceId().equals(owner)) {
      String message = "Not the renewal of certificant " + execution.getVariable(CERTIFICANT_NUMBER) + " for " + year
          + ": its case belongs to " + (owner == null ? "no process instance" : "process instance " + owner)
          + ", not to " + execution.getProcessInstanceId() + ". " + step + " refused here, the certification is "
          + "unchanged; cancel this instance if it is a stray second renewal";
      LOG.error(message);
      throw new StrayRenewalException(message);
    }
  }

  /** R25: lapsed: no longer certified; standing drops at once. */
  @Transactional
  public void lapse(Long certificantId, int renewalYear) {
    changeStatus(certificantId, renewalYear, CertificationStatus.LAPSED);
    moveCase(certificantId, renewalYear, RenewalPhase.LAPSED);
  }

  /**
   * R25, R27: an application still open when the renewal lapses (or, for a reinstatement, expires) ends with it: its
   * status is NOT_COMPLETED with why, and its invoice, if still open, is void: no longer owed nor payable (a card
   * payment of it answers 409). Payments already made on it stay recorded, for finance to refund. Nothing happens to
   * an application already decided (a rejected one lapses at its deadline too) or when there is none.
   */
  @Transactional
  public void closeUnfinished(Long applicationId, Long invoiceId, String why) {
    if (applicationId != null) {
      applications.findById(applicationId).filter(a -> a.getDecidedAt() == null)
          .ifPresent(a -> a.decide(ApplicationStatus.NOT_COMPLETED, why, time.now()));
    }
    if (invoiceId != null) {
      billing.voidIfOpen(invoiceId);
    }
  }

  /** R27: expired for good. */
  @Transactional
  public void expire(Long certificantId, int renewalYear) {
    changeStatus(certificantId, renewalYear, CertificationStatus.EXPIRED);
    moveCase(certificantId, renewalYear, RenewalPhase.EXPIRED);
  }

  /** R21: an approved extension keeps the person in good standing until 1 June. */
  @Transactional
  public void extend(Long certificantId, int renewalYear) {
    changeStatus(certificantId, renewalYear, CertificationStatus.EXTENDED);
    moveCase(certificantId, renewalYear, RenewalPhase.EXTENDED);
  }

  @Transactional
  public void moveApplication(Long applicationId, ApplicationStatus status) {
    if (applicationId != null) {
      applications.findById(applicationId).ifPresent(a -> a.moveTo(status));
    }
  }

  private void changeStatus(Long certificantId, int renewalYear, CertificationStatus status) {
    Certificant certificant = certificants.get(certificantId);
    certificant.getCertifications().stream()
        .filter(c -> c.getRenewalYear() == renewalYear && c.getStatus() != CertificationStatus.EXPIRED)
        .forEach(c -> c.changeStatus(status, time.now()));
  }

  private void moveCase(Long certificantId, int renewalYear, RenewalPhase phase) {
    cases.findByCertificantIdAndRenewalYear(certificantId, renewalYear).ifPresent(c -> c.moveTo(phase));
  }
}
