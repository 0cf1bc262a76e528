package org.namss.recert.calendar;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.config.TimeSource;
import org.namss.recert.notification.MailDeliveryException;
import org.namss.recert.notification.MailTemplate;
import org.namss.recert.notification.Notifier;
import org.namss.recert.renewal.RenewalCaseRepository;
import org.namss.recert.renewal.RenewalNotifications;
import org.namss.recert.renewal.RenewalPhase;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.Reminder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The yearly calendar (R1a, R3, R23): on the day applications open, one renewal per certificant due that year,
 * started in batches of their own transactions; courtesy notices on the dates reminderSchedule gives.
 */
@Service
public class RenewalCalendarService {

  public static final String RENEWAL_YEAR = "renewalYear";
  public static final String APPLICATION_OPENS_AT = "applicationOpensAt";
  public static final String REMINDER_DATES = "reminderDates";
  /**
   * The kind of each planned notice (COURTESY_REMINDER, LATE_FEE_NOTICE) by its {@link #REMINDER_AT}, as
   * reminderSchedule gave it when the calendar was planned: a notice is sent as planned, whatever the table says
   * by then. Calendars planned before December 2026 have none (see {@link #sendNotices(int, OffsetDateTime)}).
   */
  public static final String REMINDER_KINDS = "reminderKinds";
  public static final String OPENING_BATCHES = "openingBatches";
  public static final String OPENING_BATCH = "openingBatch";
  public static final String REMINDER_AT = "reminderAt";
  public static final String NOTICE_BATCHES = "noticeBatches";
  public static final String NOTICE_BATCH = "noticeBatch";
  /** The time of day the notices go out, in the association's zone (docs/calendar.md). */
  public static final LocalTime NOTICE_TIME = LocalTime.of(9, 0);
  private static final Logger LOG = LoggerFactory.getLogger(RenewalCalendarService.class);

  private final DecisionRules rules;
  private final TimeSource time;
  private final CertificantRepository certificants;
  private final RenewalCaseRepository cases;
  private final RenewalService renewals;
  private final RenewalNotifications notifications;
  private final Notifier notifier;
  private final int batchSize;
  private final org.camunda.bpm.engine.RuntimeService runtimeService;
  private final org.camunda.bpm.engine.HistoryService historyService;
  private final EntityManager entityManager;
  /** Loads the certificant of a notice with its certifications and addresses. */
  private final CertificantService certificantService;
  /** Each notice in a transaction of its own: a failed one must not roll back the job's (R23). */
  private final TransactionTemplate perNotice;

  public RenewalCalendarService(DecisionRules rules, TimeSource time, CertificantRepository certificants,
      RenewalCaseRepository cases, RenewalService renewals, RenewalNotifications notifications, Notifier notifier,
      @Value("${recert.calendar.batch-size:50}") int batchSize,
      org.camunda.bpm.engine.RuntimeService runtimeService, org.camunda.bpm.engine.HistoryService historyService,
      PlatformTransactionManager transactionManager, EntityManager entityManager,
      CertificantService certificantService) {
    this.entityManager = entityManager;
    this.certificantService = certificantService;
    this.perNotice = new TransactionTemplate(transactionManager);
    this.perNotice.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.rules = rules;
    this.time = time;
    this.certificants = certificants;
    this.cases = cases;
    this.renewals = renewals;
    this.notifications = notifications;
    this.notifier = notifier;
    this.batchSize = batchSize;
  }

  public static final String PROCESS_KEY = "RenewalCalendarProcess";

  /**
   * Starts the calendar of a renewal year (default: the current year) unless it already runs or ran: the
   * business key {@code calendar-<year>} is looked up first, so a repeated start changes nothing.
   *
   * @return the process instance id, or null when the year's calendar already exists
   */
  public String startYear(Integer renewalYear) {
    int year = renewalYear != null ? renewalYear : time.today().getYear();
    if (existingCalendar(year, null).isPresent()) {
      return null;
    }
    return runtimeService.createProcessInstanceByKey(PROCESS_KEY).businessKey(businessKey(year))
        .setVariable(RENEWAL_YEAR, year).execute().getId();
  }

  static String businessKey(int year) {
    return "calendar-" + year;
  }

  /**
   * The calendar of a year other than {@code exceptInstanceId}, running or ended: one with the year's business key,
   * or one started in Tasklist before the calendar took that key (found by its renewal year).
   */
  private Optional<String> existingCalendar(int year, String exceptInstanceId) {
    Stream<HistoricProcessInstance> byKey = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(businessKey(year)).list().stream();
    Stream<HistoricProcessInstance> byYear = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).variableValueEquals(RENEWAL_YEAR, year).list().stream();
    return Stream.concat(byKey, byYear).map(HistoricProcessInstance::getId)
        .filter(id -> !id.equals(exceptInstanceId)).findFirst();
  }

  /**
   * The first step of a calendar, however it was started (the yearly timer through {@link #startYear}, or staff in
   * Tasklist): one calendar per year, with the business key {@code calendar-<year>}; then the year's dates from
   * renewalCalendar and reminderSchedule as timer dates, and the kind of each notice (R8, R23), kept for the year.
   *
   * @throws FormFieldValidationException when the year already has a calendar: Tasklist shows the reason, the
   *     engine's REST API answers 400, and nothing is started
   */
  public void plan(DelegateExecution execution) {
    Object given = execution.getVariable(RENEWAL_YEAR);
    int year = given == null ? time.today().getYear() : ((Number) given).intValue();
    existingCalendar(year, execution.getProcessInstanceId()).ifPresent(other -> {
      throw new FormFieldValidationException(RENEWAL_YEAR, "The renewal year " + year + " already has its calendar "
          + "(process " + other + ", business key " + businessKey(year) + "): it is left alone, nothing was started.");
    });
    execution.setProcessBusinessKey(businessKey(year));
    execution.setVariable(RENEWAL_YEAR, year);
    LocalDate opens = rules.renewalCalendar(year).applicationOpens();
    execution.setVariable(APPLICATION_OPENS_AT, Date.from(time.startOf(opens)));
    List<String> dates = new ArrayList<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Reminder reminder : rules.reminders(year)) {
      String at = time.at(reminder.date(), NOTICE_TIME).toOffsetDateTime().toString();
      String kind = template(year, reminder).name();
      if (kinds.putIfAbsent(at, kind) != null) {
        throw new IllegalStateException("Renewal year " + year + ": reminderSchedule has two notices on "
            + reminder.date() + " (" + kinds.get(at) + ", " + kind + "); one row per date");
      }
      dates.add(at);
    }
    execution.setVariable(REMINDER_DATES, dates);
    execution.setVariable(REMINDER_KINDS, kinds);
    LOG.info("Renewal year {}: opens {}, notices planned {}", year, opens, kinds);
  }

  /** The e-mail of a notice of reminderSchedule: one of the two kinds the calendar sends. */
  private static MailTemplate template(int year, Reminder reminder) {
    if (!Reminder.COURTESY_REMINDER.equals(reminder.kind()) && !Reminder.LATE_FEE_NOTICE.equals(reminder.kind())) {
      throw new IllegalStateException("Renewal year " + year + ": reminderSchedule's notice on " + reminder.date()
          + " is of kind '" + reminder.kind() + "', not " + Reminder.COURTESY_REMINDER + " or "
          + Reminder.LATE_FEE_NOTICE);
    }
    return MailTemplate.valueOf(reminder.kind());
  }

  /**
   * The kind planned for the notice at {@code reminderAt} ({@link #REMINDER_KINDS}).
   *
   * @throws IllegalStateException when none was planned for it: nothing is sent under a guessed kind
   */
  public static String plannedKind(Map<?, ?> plannedKinds, String reminderAt) {
    Object kind = plannedKinds.get(reminderAt);
    if (kind == null) {
      throw new IllegalStateException("No notice was planned at " + reminderAt + " (planned: " + plannedKinds.keySet()
          + "); nothing was sent");
    }
    return kind.toString();
  }

  /** Splits the certificants due into id ranges "first:last" of at most batch-size each. */
  @Transactional(readOnly = true)
  public List<String> batches(int year) {
    List<Long> due = certificants.findIdsDueIn(year);
    List<String> batches = ranges(due);
    LOG.info("Renewal year {}: {} certificants due, {} batches", year, due.size(), batches.size());
    return batches;
  }

  /** Ascending ids as ranges "first:last" of at most batch-size ids each. */
  private List<String> ranges(List<Long> ids) {
    List<String> ranges = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += batchSize) {
      int to = Math.min(from + batchSize, ids.size()) - 1;
      ranges.add(ids.get(from) + ":" + ids.get(to));
    }
    return ranges;
  }

  private static long[] range(String batch) {
    String[] bounds = batch.split(":");
    return new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])};
  }

  /**
   * Opens the renewals of one batch; those already open are skipped, so a repeated batch changes nothing. One job
   * and one transaction per batch (the multi-instance loop of ServiceTask_OpenRenewalBatch is asyncBefore), with
   * the JPA persistence context flushed and emptied after each renewal: Hibernate re-checks every managed entity on
   * each flush, and the engine sorts a transaction's inserts at commit in time quadratic in their number, so
   * batches stay small (recert.calendar.batch-size, default 50). See docs/performance.md.
   */
  @Transactional
  public int openBatch(int year, String batch) {
    long[] range = range(batch);
    long start = System.nanoTime();
    int opened = 0;
    List<Long> due = certificants.findIdsDueInRange(year, range[0], range[1]);
    for (Long certificantId : due) {
      if (renewals.open(certificantId, year).isPresent()) {
        opened++;
      }
      entityManager.flush();
      entityManager.clear();
    }
    LOG.info("Renewal year {}: batch {} opened {} of {} renewals in {} ms", year, batch, opened, due.size(),
        (System.nanoTime() - start) / 1_000_000);
    return opened;
  }

  /**
   * R23: on a notice date, those of the year who have not submitted, split into id ranges "first:last" of at most
   * batch-size each. Each batch is sent by a job of its own (the multi-instance loop of ServiceTask_SendReminders is
   * asyncBefore), so that no job runs for as long as the whole year's notices take: at 10,000 certificants and a
   * remote mail server that could outlast the job executor's lock (5 minutes) and let a second node start the same
   * sweep. A certificant who submits between the split and the batch's job gets no notice; one whose case is
   * opened after the split gets one only if their id falls inside a batch's range (a courtesy, R23).
   */
  @Transactional(readOnly = true)
  public List<String> noticeBatches(int year) {
    List<Long> open = cases.findCertificantIds(year, RenewalPhase.OPEN);
    List<String> batches = ranges(open);
    LOG.info("Renewal year {}: {} certificants not yet submitted, {} notice batches", year, open.size(),
        batches.size());
    return batches;
  }

  /**
   * R23: a courtesy notice to every certificant of the batch who has not submitted, of the kind planned for the
   * date ({@link #REMINDER_KINDS}, R8: "recertify by 1 Dec" or "a late fee now applies"), whatever reminderSchedule
   * says by now. One that cannot be sent never stops the others nor changes any renewal. After all were tried:
   * <ul>
   *   <li>when the SMTP server did not take some (down, busy), or a notice failed for a reason of the product's
   *       own (a bug), the batch's job fails with the counts, so that it retries (R3/PT30M) and then becomes an
   *       incident in Cockpit; each retry sends only those not yet sent (the dedup key is per certificant and
   *       date);</li>
   *   <li>a notice no retry can deliver (an address the product cannot use, or the server refusing the recipient
   *       for good with a 5xx answer) is logged at WARN with the certificant's id and does not fail the job: it
   *       would hold back every later batch and date of the calendar.</li>
   * </ul>
   *
   * @param kind COURTESY_REMINDER or LATE_FEE_NOTICE, as planned
   * @param batch an id range "first:last", or null for all who have not submitted
   * @throws MailDeliveryException when the SMTP server did not accept one or more of the batch's notices
   * @throws IllegalStateException when a notice failed for another reason, or the kind is none of the two
   */
  public int sendNotices(int year, OffsetDateTime at, String kind, String batch) {
    Reminder notice = new Reminder(at.atZoneSameInstant(time.zone()).toLocalDate(), kind);
    MailTemplate template = template(year, notice);
    if (batch == null) {
      return sendNotices(year, notice, template, cases.findCertificantIds(year, RenewalPhase.OPEN));
    }
    long[] range = range(batch);
    return sendNotices(year, notice, template,
        cases.findCertificantIdsBetween(year, RenewalPhase.OPEN, range[0], range[1]));
  }

  /**
   * R23: the notices of one batch of a calendar planned before the notices kept their kind (it has no
   * {@link #REMINDER_KINDS}): of the kind reminderSchedule now gives that date.
   *
   * @throws IllegalStateException when the table now has no notice, or two, on that date: nothing is sent
   */
  public int sendNotices(int year, OffsetDateTime at, String batch) {
    return sendNotices(year, at, kindInTableNow(year, at), batch);
  }

  /**
   * R23: the notices of a date to all who have not submitted, in one job: calendars started before the notices
   * were sent in batches (their ServiceTask_SendReminders has no batch) finish their year this way, of the kind
   * reminderSchedule now gives that date (they did not keep the kind either).
   *
   * @throws IllegalStateException when the table now has no notice, or two, on that date: nothing is sent
   */
  public int sendNotices(int year, OffsetDateTime at) {
    return sendNotices(year, at, kindInTableNow(year, at), null);
  }

  private String kindInTableNow(int year, OffsetDateTime at) {
    LocalDate date = at.atZoneSameInstant(time.zone()).toLocalDate();
    List<String> kinds = rules.reminders(year).stream().filter(r -> r.date().equals(date)).map(Reminder::kind)
        .distinct().toList();
    if (kinds.size() != 1) {
      throw new IllegalStateException("Renewal year " + year + ": this calendar was planned before its notices kept "
          + "their kind, and reminderSchedule now has " + (kinds.isEmpty() ? "no notice" : "notices " + kinds)
          + " on " + date + " (changed after the calendar was planned). Nothing was sent. Deploy a reminderSchedule "
          + "with this notice again and retry the job (docs/calendar.md).");
    }
    return kinds.get(0);
  }

  private int sendNotices(int year, Reminder notice, MailTemplate template, List<Long> certificantIds) {
    LocalDate date = notice.date();
    String kind = notice.kind();
    int sent = 0;
    int undeliverable = 0;
    List<Long> notAccepted = new ArrayList<>();
    List<Long> broken = new ArrayList<>();
    for (Long certificantId : certificantIds) {
      try {
        perNotice.executeWithoutResult(status -> {
          Certificant certificant = certificantService.get(certificantId);
          notifier.send(template, certificant.primaryEmail(), certificant.fullName(),
              notifications.facts(certificant, year),
              "notice:" + year + ":" + date + ":" + kind + ":" + certificantId);
        });
        sent++;
      } catch (MailDeliveryException e) {
        if (e.recipientRefused()) {
          undeliverable++;
          LOG.warn("Renewal year {}: {} notice to certificant {} refused by the SMTP server: {}", year, kind,
              certificantId, e.getMessage());
        } else {
          notAccepted.add(certificantId); // FAILED in mail_message; the job's retry sends it
        }
      } catch (IllegalArgumentException e) {
        undeliverable++;
        LOG.warn("Renewal year {}: {} notice to certificant {} cannot be sent: {}", year, kind, certificantId,
            e.getMessage());
      } catch (RuntimeException e) {
        broken.add(certificantId);
        LOG.warn("Renewal year {}: {} notice to certificant {} failed: {}", year, kind, certificantId,
            e.getClass().getSimpleName());
        LOG.debug("Notice to certificant {} failed", certificantId, e);
      }
    }
    String counts = sent + " of " + certificantIds.size() + " " + kind + " notices sent";
    if (!broken.isEmpty()) {
      throw new IllegalStateException("Renewal year " + year + ": " + broken.size() + " " + kind + " notices failed "
          + "(certificants " + abbreviated(broken) + ", see the log), " + notAccepted.size() + " not accepted by "
          + "the SMTP server; " + counts + ". The job retries; each retry sends only those not yet sent.");
    }
    if (!notAccepted.isEmpty()) {
      throw new MailDeliveryException("Renewal year " + year + ": the SMTP server did not accept " + notAccepted.size()
          + " of " + certificantIds.size() + " " + kind + " notices (certificants " + abbreviated(notAccepted)
          + "); " + counts + ". The job retries; each retry sends only those not yet sent.");
    }
    if (undeliverable > 0) {
      LOG.warn("Renewal year {}: {}, {} cannot be delivered (courtesy only, R23)", year, counts, undeliverable);
    } else {
      LOG.info("Renewal year {}: {}", year, counts);
    }
    return sent;
  }

  /** The first ids of a list, for a message that Cockpit shows in one line. */
  private static String abbreviated(List<Long> ids) {
    return ids.size() <= 5 ? ids.toString() : ids.subList(0, 5) + " and " + (ids.size() - 5) + " more";
  }
}
