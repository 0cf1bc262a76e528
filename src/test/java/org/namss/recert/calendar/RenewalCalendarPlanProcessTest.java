package org.namss.recert.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the calendar plans when it starts (R8, R23): the notices' dates, times and kinds, kept for the whole year
 * whatever reminderSchedule says later; and one calendar per year, however it is started.
 */
class RenewalCalendarPlanProcessTest extends TimeTravelTest {

  /**
   * Years no other test class uses: the calendars and certificants of a year are this class's own. The calendar of
   * KIND_YEAR + 1 (2047) is planned with the changed reminderSchedule.
   */
  static final int KIND_YEAR = 2046;
  static final int TASKLIST_YEAR = 2050;
  /** 1 Nov 2048 is a notice date (1 Dec - 30 days) and the day daylight saving time ends in New York. */
  static final int DST_YEAR = 2048;
  static final int TASKLIST_FIRST_YEAR = 2049;

  /** The late-fee notice's date: the day after renewalCalendar's on-time deadline (2 Dec). */
  static final String LATE_FEE_NOTICE_ROW = "onTimeDeadline + duration(\"P1D\")";

  @Autowired RenewalCalendarService calendar;

  private long calendarsOf(int year) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RenewalCalendarService.PROCESS_KEY).variableValueEquals("renewalYear", year).count();
  }

  private ProcessDefinition calendarDefinition() {
    return engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(RenewalCalendarService.PROCESS_KEY).latestVersion().singleResult();
  }

  private List<String> subjectsSince(Certificant certificant, int count) {
    List<String> all = subjectsTo(certificant.primaryEmail());
    return all.subList(count, all.size());
  }

  /** Deploys a version of reminderSchedule as an analyst does (at the real time, as Modeler would). */
  private void deployReminderSchedule(String dmn) {
    java.util.Date clock = ClockUtil.getCurrentTime();
    ClockUtil.reset();
    try {
      engine.getRepositoryService().createDeployment().name("analyst")
          .addString("decisions/reminderSchedule.dmn", dmn).deploy();
    } finally {
      ClockUtil.setCurrentTime(clock);
    }
  }

  @Test
  @DisplayName("R8, R23: reminderSchedule changed mid-year (late-fee notice moved to 3 Dec): the planned notices "
      + "keep their dates and kinds; 2 Dec sends the late-fee notice, never 'recertify by 1 Dec'; next plan moves")
  void plannedNoticesKeepTheirKindWhenAnalystsMoveTheLateFeeNotice() throws Exception {
    setClock(LocalDate.of(KIND_YEAR, 1, 2));
    Certificant ann = fixtures.cpcs("Ann", "Planned", KIND_YEAR);
    String pid = calendar.startYear(KIND_YEAR);
    executeDueJobs(pid);
    travelTo(pid, LocalDate.of(KIND_YEAR, 8, 1).atTime(0, 1));
    executeDueJobs(renewalPid(ann));

    // an analyst moves the late-fee notice from 2 to 3 December (docs/analysts.md)
    String original = Files.readString(Path.of("decisions/reminderSchedule.dmn"), StandardCharsets.UTF_8);
    String moved = original.replace(LATE_FEE_NOTICE_ROW, "onTimeDeadline + duration(\"P2D\")");
    assertThat(moved).isNotEqualTo(original);
    deployReminderSchedule(moved);
    try {
      travelTo(pid, LocalDateTime.of(KIND_YEAR, 10, 2, 9, 1));
      travelTo(pid, LocalDateTime.of(KIND_YEAR, 11, 1, 9, 1));
      travelTo(pid, LocalDateTime.of(KIND_YEAR, 11, 24, 9, 1));
      int before = subjectsTo(ann.primaryEmail()).size();
      assertThat(subjectsTo(ann.primaryEmail()).stream().filter(s -> s.startsWith("Reminder: recertify")))
          .hasSize(3);
      assertThat(timerDates(pid)).containsExactly(LocalDateTime.of(KIND_YEAR, 12, 2, 9, 0));

      travelTo(pid, LocalDateTime.of(KIND_YEAR, 12, 2, 9, 1));
      assertThat(subjectsSince(ann, before)).as("notices of 2 Dec")
          .containsExactly("A $50.00 late fee now applies to your " + KIND_YEAR + " CPCS recertification");
      assertThat(instance(pid)).as("the calendar's last planned notice was sent").isNull();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid)
          .singleResult().getEndActivityId()).isEqualTo("EndEvent_CalendarDone");
      travelTo(pid, LocalDateTime.of(KIND_YEAR, 12, 3, 9, 1));
      assertThat(subjectsSince(ann, before)).hasSize(1);

      // the changed table applies from the next plan: the next year's calendar sends it on 3 December
      String next = calendar.startYear(KIND_YEAR + 1);
      assertThat(engine.getRuntimeService().getVariable(next, RenewalCalendarService.REMINDER_DATES).toString())
          .contains((KIND_YEAR + 1) + "-12-03T09:00").doesNotContain((KIND_YEAR + 1) + "-12-02");
      assertThat(engine.getRuntimeService().getVariable(next, RenewalCalendarService.REMINDER_KINDS))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry((KIND_YEAR + 1) + "-12-03T09:00-05:00", "LATE_FEE_NOTICE")
          .containsEntry((KIND_YEAR + 1) + "-11-24T09:00-05:00", "COURTESY_REMINDER")
          .hasSize(4);
    } finally {
      deployReminderSchedule(original);
    }
  }

  private String renewalPid(Certificant certificant) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("RecertificationProcess")
        .processInstanceBusinessKey(certificant.getNumber() + "-" + KIND_YEAR).singleResult().getId();
  }

  @Test
  @DisplayName("calendar.md, R3: a year that has a calendar is left alone when staff start it in Tasklist: the form "
      + "is refused with why (400 through REST), nothing is started")
  void tasklistStartOfAYearThatHasACalendarIsRefused() {
    setClock(LocalDate.of(TASKLIST_YEAR, 1, 2));
    String pid = calendar.startYear(TASKLIST_YEAR);
    assertThat(pid).isNotNull();
    long instancesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RenewalCalendarService.PROCESS_KEY).count();

    assertThatThrownBy(() -> engine.getFormService().submitStartForm(calendarDefinition().getId(),
        Map.of("renewalYear", (long) TASKLIST_YEAR)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("The renewal year " + TASKLIST_YEAR + " already has its calendar")
        .hasMessageContaining("calendar-" + TASKLIST_YEAR);

    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("admin", ApplicationTest.ADMIN_PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.postForEntity("/engine-rest/process-definition/key/"
        + RenewalCalendarService.PROCESS_KEY + "/submit-form", new HttpEntity<>("{\"variables\":{\"renewalYear\":"
        + "{\"value\":" + TASKLIST_YEAR + ",\"type\":\"Long\"}}}", headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getBody()).contains("The renewal year " + TASKLIST_YEAR + " already has its calendar");

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RenewalCalendarService.PROCESS_KEY).count()).isEqualTo(instancesBefore);
    assertThat(calendarsOf(TASKLIST_YEAR)).isEqualTo(1);
    assertThat(instance(pid)).isWaitingAt("Catch_ApplicationOpens");
  }

  @Test
  @DisplayName("calendar.md, R3: a calendar started in Tasklist is the year's calendar (calendar-<year>): the "
      + "2 January start and a second Tasklist start leave it alone")
  void tasklistStartedCalendarIsTheYearsCalendar() {
    setClock(LocalDate.of(TASKLIST_FIRST_YEAR, 1, 2));
    String pid = engine.getFormService().submitStartForm(calendarDefinition().getId(),
        Map.of("renewalYear", (long) TASKLIST_FIRST_YEAR)).getId();
    assertThat(instance(pid).getBusinessKey()).isEqualTo("calendar-" + TASKLIST_FIRST_YEAR);
    assertThat(instance(pid)).isWaitingAt("Catch_ApplicationOpens");

    assertThat(calendar.startYear(TASKLIST_FIRST_YEAR)).as("the yearly start").isNull();
    assertThatThrownBy(() -> engine.getFormService().submitStartForm(calendarDefinition().getId(),
        Map.of("renewalYear", (long) TASKLIST_FIRST_YEAR))).isInstanceOf(FormFieldValidationException.class);
    assertThat(calendarsOf(TASKLIST_FIRST_YEAR)).isEqualTo(1);
  }

  @Test
  @DisplayName("R23, docs/calendar.md: notices at 09:00 New York time, also on the day daylight saving time ends "
      + "(1 Nov " + DST_YEAR + ")")
  void noticeAtNineOnTheDayDaylightSavingTimeEnds() {
    setClock(LocalDate.of(DST_YEAR, 1, 2));
    String pid = calendar.startYear(DST_YEAR);
    executeDueJobs(pid);
    assertThat(engine.getRuntimeService().getVariable(pid, RenewalCalendarService.REMINDER_DATES).toString())
        .contains(DST_YEAR + "-10-02T09:00-04:00", DST_YEAR + "-11-01T09:00-05:00",
            DST_YEAR + "-11-24T09:00-05:00", DST_YEAR + "-12-02T09:00-05:00");
    travelTo(pid, LocalDateTime.of(DST_YEAR, 10, 2, 9, 1));
    assertThat(timerDates(pid)).containsExactly(LocalDateTime.of(DST_YEAR, 11, 1, 9, 0));
  }
}
