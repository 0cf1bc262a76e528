package org.namss.recert.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.notification.MailMessageRepository;
import org.namss.recert.notification.MailStatus;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The yearly calendar (R1a, R3, R8, R23): YearlyRenewalProcess starts it on 2 January, it waits for 1 August,
 * opens one renewal per certificant due that year in batches, and sends the courtesy notices of reminderSchedule
 * to those who have not submitted; a notice the SMTP server does not accept is retried and then an incident, and
 * changes no renewal.
 */
class RenewalCalendarProcessTest extends TimeTravelTest {

  /** A year no other test class uses, so that the certificants due are this test's own. */
  static final int YEAR = 2031;

  @Autowired RenewalCalendarService calendar;
  @Autowired MailMessageRepository mails;

  private List<ProcessInstance> renewalsOf(Certificant certificant, int year) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("RecertificationProcess")
        .processInstanceBusinessKey(certificant.getNumber() + "-" + year).list();
  }

  private String renewalPid(Certificant certificant) {
    List<ProcessInstance> found = renewalsOf(certificant, YEAR);
    assertThat(found).hasSize(1);
    return found.get(0).getId();
  }

  /** The courtesy reminders the product recorded for a certificant, oldest first. */
  private List<MailStatus> reminderStatuses(Certificant certificant) {
    return mails.findAll().stream()
        .filter(m -> m.getTemplate() == org.namss.recert.notification.MailTemplate.COURTESY_REMINDER)
        .filter(m -> m.getRecipient().equalsIgnoreCase(certificant.primaryEmail()))
        .sorted(java.util.Comparator.comparing(m -> m.getId())).map(m -> m.getStatus()).toList();
  }

  private List<org.camunda.bpm.engine.runtime.Incident> incidentsOf(String pid) {
    return engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).list();
  }

  private long subjectsContaining(Certificant certificant, String part) {
    return subjectsTo(certificant.primaryEmail()).stream().filter(s -> s.contains(part)).count();
  }

  @Test
  @DisplayName("R1a, R3, R8, R23: started for a year, opens on 1 Aug for those due only, notices to those not submitted")
  void aYearOfTheCalendar() {
    // certified in 2027: due in 2030, registered while that renewal was still open (R25-R27)
    setClock(LocalDate.of(YEAR - 1, 12, 31));
    Certificant lastYear = fixtures.cpcs("Lea", "Lastyear", YEAR - 1);
    setClock(LocalDate.of(YEAR, 1, 2));
    Certificant ann = fixtures.cpcs("Ann", "Due", YEAR);
    Certificant bob = fixtures.cpcs("Bob", "Submits", YEAR);
    Certificant cat = fixtures.cpcs("Cat", "Due", YEAR);
    Certificant nextYear = fixtures.cpcs("Ned", "Nextyear", YEAR + 1); // certified in 2029: due in 2032 (R3)

    String pid = calendar.startYear(YEAR);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("Catch_ApplicationOpens");
    assertThat(timerDates(pid)).containsExactly(LocalDate.of(YEAR, 8, 1).atStartOfDay());
    assertThat(calendar.startYear(YEAR)).isNull();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("calendar-" + YEAR)
        .count()).isEqualTo(1);

    // the day before: nothing opens
    travelTo(pid, LocalDate.of(YEAR, 7, 31).atTime(23, 59));
    assertThat(renewalsOf(ann, YEAR)).isEmpty();

    travelTo(pid, LocalDate.of(YEAR, 8, 1).atTime(0, 1));
    assertThat(instance(pid)).hasPassedInOrder("Catch_ApplicationOpens", "ServiceTask_PlanOpening",
        "ServiceTask_OpenRenewalBatch").isWaitingAt("Catch_ReminderDate");
    for (Certificant due : List.of(ann, bob, cat)) {
      String renewal = renewalPid(due);
      executeDueJobs(renewal);
      assertThat(instance(renewal)).isWaitingAt("EventGateway_AwaitApplication");
      assertThat(text(mailWithSubject(due, "recertification application is open")))
          .contains("Your " + YEAR + " CPCS recertification application is open", "December 1, " + YEAR);
      assertThat(cases.findByCertificantIdAndRenewalYear(due.getId(), YEAR)).isPresent();
    }
    for (Certificant notDue : List.of(nextYear, lastYear)) {
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
          "RecertificationProcess").variableValueEquals("certificantId", notDue.getId()).count()).isZero();
      assertThat(mailsTo(notDue.primaryEmail())).isEmpty();
    }
    // R8: reminders 60, 30 and 7 days before 1 Dec at 09:00, then the late-fee notice on 2 Dec
    assertThat(engine.getRuntimeService().getVariable(pid, RenewalCalendarService.REMINDER_DATES).toString())
        .contains(YEAR + "-10-02T09:00", YEAR + "-11-01T09:00", YEAR + "-11-24T09:00", YEAR + "-12-02T09:00");
    assertThat(timerDates(pid)).containsExactly(LocalDateTime.of(YEAR, 10, 2, 9, 0));

    // Bob submits in September: no reminders for him
    setClock(LocalDate.of(YEAR, 9, 15));
    fixtures.enoughForSingle(bob, YEAR);
    renewals.submit(bob, YEAR);
    executeDueJobs(renewalPid(bob));

    travelTo(pid, LocalDateTime.of(YEAR, 10, 2, 9, 1));
    assertThat(subjectsContaining(ann, "Reminder: recertify your CPCS by December 1, " + YEAR)).isEqualTo(1);
    assertThat(subjectsContaining(cat, "Reminder: recertify your CPCS")).isEqualTo(1);
    assertThat(subjectsContaining(bob, "Reminder")).isZero();
    assertThat(mailsTo(nextYear.primaryEmail())).isEmpty();
    assertThat(timerDates(pid)).containsExactly(LocalDateTime.of(YEAR, 11, 1, 9, 0));

    // R23: on 1 Nov the SMTP server is down. The batch's job tries every notice, fails, retries every 30 minutes
    // (R3/PT30M) and then is an incident in Cockpit; the renewals go on unchanged.
    String annRenewal = renewalPid(ann);
    LocalDateTime now = LocalDateTime.of(YEAR, 11, 1, 9, 1);
    int failedAttempts = 0;
    TestServers.smtp().stop();
    try {
      setClock(now);
      while (incidentsOf(pid).isEmpty()) {
        assertThat(failedAttempts).as("attempts before the incident").isLessThan(10);
        assertThatThrownBy(() -> executeDueJobs(pid))
            .hasStackTraceContaining("did not accept 2 of 2 COURTESY_REMINDER notices");
        failedAttempts++;
        assertThat(reminderStatuses(ann)).containsExactly(MailStatus.SENT, MailStatus.FAILED);
        now = now.plusMinutes(31);
        setClock(now);
      }
    } finally {
      TestServers.smtp().start();
    }
    assertThat(failedAttempts).as("the first attempt and its retries (R3)").isEqualTo(3);
    assertThat(incidentsOf(pid)).singleElement().satisfies(incident ->
        assertThat(incident.getIncidentMessage()).contains("did not accept 2 of 2 COURTESY_REMINDER notices"));
    assertThat(instance(annRenewal)).isWaitingAt("EventGateway_AwaitApplication");
    assertThat(cases.findByCertificantIdAndRenewalYear(ann.getId(), YEAR).orElseThrow().getPhase().name())
        .isEqualTo("OPEN");
    assertThat(reminderStatuses(cat)).containsExactly(MailStatus.SENT, MailStatus.FAILED);

    // the server is back (with an empty mailbox); the operator retries the job in Cockpit: each notice goes out once
    Job failed = engine.getManagementService().createJobQuery().processInstanceId(pid).withException().singleResult();
    engine.getManagementService().setJobRetries(failed.getId(), 1);
    executeDueJobs(pid);
    assertNoIncidents(engine);
    assertThat(reminderStatuses(ann)).containsExactly(MailStatus.SENT, MailStatus.SENT);
    assertThat(reminderStatuses(cat)).containsExactly(MailStatus.SENT, MailStatus.SENT);
    assertThat(subjectsContaining(ann, "Reminder: recertify your CPCS by December 1, " + YEAR)).isEqualTo(1);
    assertThat(subjectsContaining(bob, "Reminder")).isZero();
    assertThat(instance(pid)).isWaitingAt("Catch_ReminderDate");
    assertThat(timerDates(pid)).containsExactly(LocalDateTime.of(YEAR, 11, 24, 9, 0));

    travelTo(pid, LocalDateTime.of(YEAR, 11, 24, 9, 1));
    assertThat(subjectsContaining(ann, "Reminder: recertify your CPCS by December 1, " + YEAR)).isEqualTo(2);
    assertThat(subjectsContaining(cat, "Reminder")).isEqualTo(2);
    assertThat(subjectsContaining(bob, "Reminder")).isZero();
    assertThat(reminderStatuses(ann)).containsExactly(MailStatus.SENT, MailStatus.SENT, MailStatus.SENT);
    assertThat(reminderStatuses(bob)).isEmpty();

    travelTo(pid, LocalDateTime.of(YEAR, 12, 2, 9, 1));
    assertThat(subjectsContaining(ann, "late fee now applies to your " + YEAR + " CPCS recertification"))
        .isEqualTo(1);
    assertThat(subjectsContaining(ann, "A $50")).isEqualTo(1);
    assertThat(subjectsContaining(cat, "late fee now applies")).isEqualTo(1);
    assertThat(subjectsContaining(bob, "late fee")).isZero();
    assertThat(instance(pid)).isNull();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_CalendarDone");
    // the renewals still wait for their application, as before the notices
    assertThat(instance(annRenewal)).isWaitingAt("EventGateway_AwaitApplication");
  }

  @Test
  @DisplayName("YearlyRenewalProcess: the 2 January timer starts that year's calendar once; a second start does nothing")
  void yearlyTimerStartsTheCalendarOnce() {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("YearlyRenewalProcess").timers()
        .singleResult();
    assertThat(timer).isNotNull();
    // the cron expression runs in the server's time zone: 06:00 there on 2 January
    LocalDateTime serverTime = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), java.time.ZoneId.systemDefault());
    assertThat(serverTime.getMonthValue()).isEqualTo(1);
    assertThat(serverTime.getDayOfMonth()).isEqualTo(2);
    assertThat(serverTime.toLocalTime()).hasToString("06:00");
    LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZONE);
    int year = due.getYear();
    String key = "calendar-" + year;
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .count()).isZero();

    setClock(due.plusMinutes(1));
    engine.getManagementService().executeJob(timer.getId());
    runYearlyJobs();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
        RenewalCalendarService.PROCESS_KEY).processInstanceBusinessKey(key).count()).isEqualTo(1);
    String calendarPid = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key)
        .singleResult().getId();
    assertThat(engine.getRuntimeService().getVariable(calendarPid, "renewalYear")).isEqualTo(year);
    executeDueJobs(calendarPid);
    assertThat(instance(calendarPid)).isWaitingAt("Catch_ApplicationOpens");

    // the timer is rescheduled for the next 2 January; fired again the same day (as after a redelivery) it
    // starts nothing new
    Job next = engine.getManagementService().createJobQuery().processDefinitionKey("YearlyRenewalProcess").timers()
        .singleResult();
    assertThat(LocalDateTime.ofInstant(next.getDuedate().toInstant(), java.time.ZoneId.systemDefault()))
        .isEqualTo(serverTime.plusYears(1));
    engine.getManagementService().setJobDuedate(next.getId(), java.util.Date.from(due.atZone(ZONE).toInstant()));
    engine.getManagementService().executeJob(next.getId());
    runYearlyJobs();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(
        "YearlyRenewalProcess").finished().count()).isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .count()).isEqualTo(1);
    assertNoIncidents(engine);
  }

  private void runYearlyJobs() {
    for (var instance : engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
        "YearlyRenewalProcess").list()) {
      executeDueJobs(instance.getId());
    }
  }
}
