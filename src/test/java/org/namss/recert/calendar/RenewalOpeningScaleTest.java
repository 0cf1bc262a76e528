package org.namss.recert.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.renewal.RenewalCaseRepository;
import org.namss.recert.renewal.RenewalPhase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * R3 at scale: 2,000 certificants due in a year (and 50 due the next) are opened in batches of 400, once each,
 * however often the opening runs: twice in full, and once with a batch repeated as after a crash. R23: the courtesy
 * notices of a date go out in batches of the same size.
 */
@TestPropertySource(properties = "recert.calendar.batch-size=400")
class RenewalOpeningScaleTest extends TimeTravelTest {

  static final int YEAR = 2034;
  static final int DUE = 2000;
  static final int NOT_DUE = 50;
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  @Autowired RenewalCalendarService calendar;
  @Autowired JdbcTemplate jdbc;
  @Autowired CertificantRepository certificants;
  @Autowired RenewalCaseRepository cases;

  /** JDBC batches: certificant, its address and its CPCS certification, certified in year-3 (or year-2). */
  private void insertCertificants(String prefix, int count, int renewalYear) {
    Timestamp now = Timestamp.valueOf(LocalDate.of(YEAR, 1, 2).atStartOfDay());
    List<Object[]> people = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      people.add(new Object[] {prefix + i, "First" + i, "Last" + i, now});
    }
    jdbc.batchUpdate("insert into certificant (certificant_number, first_name, last_name, created_at) "
        + "values (?, ?, ?, ?)", people);
    jdbc.update("insert into certificant_email (certificant_id, email, primary_address) "
        + "select id, lower(certificant_number) || '@scale.example.org', true from certificant "
        + "where certificant_number like ?", prefix + "%");
    jdbc.update("insert into certification (certificant_id, certification_type, initial_certification_date, "
        + "renewal_year, status, status_changed_at) select id, 'CPCS', ?, ?, 'ACTIVE', ? from certificant "
        + "where certificant_number like ?", java.sql.Date.valueOf(LocalDate.of(renewalYear - 3, 3, 15)),
        renewalYear, now, prefix + "%");
  }

  private long renewalInstances(int year) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("RecertificationProcess")
        .variableValueEquals("renewalYear", year).count();
  }

  private void assertExactlyOneEach() {
    assertThat(renewalInstances(YEAR)).isEqualTo(DUE);
    assertThat(jdbc.queryForObject("select count(*) from renewal_case where renewal_year = ?", Long.class, YEAR))
        .isEqualTo(DUE);
    assertThat(jdbc.queryForObject("select count(distinct certificant_id) from renewal_case where renewal_year = ?",
        Long.class, YEAR)).isEqualTo(DUE);
    assertThat(jdbc.queryForObject("select count(distinct process_instance_id) from renewal_case "
        + "where renewal_year = ?", Long.class, YEAR)).isEqualTo(DUE);
    assertThat(jdbc.queryForObject("select count(*) from renewal_case c join certificant p on p.id = c.certificant_id "
        + "where p.certificant_number like 'N%'", Long.class)).isZero();
    assertThat(renewalInstances(YEAR + 1)).isZero();
  }

  @Test
  @DisplayName("R3: 2,000 due: exactly one renewal each, opened in 5 batches; a second run and a repeated batch "
      + "change nothing; R23: notices to the 1,000 not submitted in 3 batches, none when all submitted")
  void opensTwoThousandOnceEach() throws Exception {
    setClock(LocalDate.of(YEAR, 1, 2));
    insertCertificants("S", DUE, YEAR);
    insertCertificants("N", NOT_DUE, YEAR + 1);

    String pid = calendar.startYear(YEAR);
    travelTo(pid, LocalDate.of(YEAR, 8, 1).atTime(0, 5));
    assertThat(instance(pid)).hasPassed("ServiceTask_OpenRenewalBatch").isWaitingAt("Catch_ReminderDate");
    @SuppressWarnings("unchecked")
    List<String> batches = (List<String>) engine.getRuntimeService().getVariable(pid,
        RenewalCalendarService.OPENING_BATCHES);
    assertThat(batches).hasSize(5);
    // each batch a job, so a transaction, of its own: one job log creation entry per batch
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pid)
        .activityIdIn("ServiceTask_OpenRenewalBatch").creationLog().count()).isEqualTo(5);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("ServiceTask_OpenRenewalBatch").count()).isGreaterThanOrEqualTo(5);
    assertExactlyOneEach();

    // the whole opening run a second time
    int reopened = 0;
    for (String batch : calendar.batches(YEAR)) {
      reopened += calendar.openBatch(YEAR, batch);
    }
    assertThat(reopened).isZero();
    assertExactlyOneEach();

    // one batch repeated by the process itself, as the job would run again after a crash
    ProcessInstance repeat = engine.getRuntimeService().createProcessInstanceByKey(RenewalCalendarService.PROCESS_KEY)
        .businessKey("calendar-" + YEAR + "-repeat")
        .setVariable(RenewalCalendarService.RENEWAL_YEAR, YEAR)
        .setVariable(RenewalCalendarService.OPENING_BATCHES, List.of(batches.get(2)))
        .setVariable(RenewalCalendarService.REMINDER_DATES, List.of())
        .startBeforeActivity("ServiceTask_OpenRenewalBatch#multiInstanceBody").execute();
    setClock(LocalDate.of(YEAR, 8, 1).atTime(0, 10));
    executeDueJobs(repeat.getId());
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(repeat.getId())
        .activityId("ServiceTask_OpenRenewalBatch").finished().count()).isGreaterThanOrEqualTo(1);
    assertExactlyOneEach();
    assertThat(instance(repeat.getId())).isNull(); // no reminders planned for the repeat: it ended

    // a sample of the APPLICATION_OPEN e-mails
    for (String number : List.of("S0", "S999", "S1999")) {
      ProcessInstance renewal = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(number + "-" + YEAR).singleResult();
      executeDueJobs(renewal.getId());
      assertThat(renewal).isNotNull();
      assertThat(subjectsTo(number.toLowerCase() + "@scale.example.org"))
          .containsExactly("Your " + YEAR + " CPCS recertification application is open");
    }
    assertThat(mailsTo("n0@scale.example.org")).isEmpty();

    // R23: on the first notice date (2 Oct), half have submitted; the 1,000 others get one notice each, sent by
    // 3 jobs of at most 400 notices (400, 400, 200), each in a transaction of its own
    jdbc.update("update renewal_case set phase = 'SUBMITTED' where renewal_year = ? and mod(certificant_id, 2) = 0",
        YEAR);
    List<String> stillOpen = jdbc.queryForList("select lower(p.certificant_number) || '@scale.example.org' from "
        + "renewal_case c join certificant p on p.id = c.certificant_id where c.renewal_year = ? and c.phase = 'OPEN'",
        String.class, YEAR);
    assertThat(stillOpen).hasSize(DUE / 2);
    smtp().purgeEmailFromAllMailboxes();
    travelTo(pid, LocalDate.of(YEAR, 10, 2).atTime(9, 1));
    assertThat(instance(pid)).hasPassed("ServiceTask_PlanNotices", "ServiceTask_SendReminders")
        .isWaitingAt("Catch_ReminderDate");
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pid)
        .activityIdIn("ServiceTask_SendReminders").creationLog().count()).isEqualTo(3);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableName(RenewalCalendarService.NOTICE_BATCHES).singleResult().getValue())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
    List<String> reminded = java.util.Arrays.stream(smtp().getReceivedMessages())
        .flatMap(message -> addresses(message).stream()).toList();
    assertThat(reminded).hasSize(DUE / 2).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stillOpen);

    // the date's notices again in one call, as a calendar started before the batches sends them: everyone was
    // notified already, so nobody gets a second one
    assertThat(calendar.sendNotices(YEAR, java.time.OffsetDateTime.parse(YEAR + "-10-02T09:00-04:00")))
        .as("notices of the date handled, each found sent already").isEqualTo(DUE / 2);
    assertThat(smtp().getReceivedMessages()).hasSize(DUE / 2);

    // 1 Nov: everyone has submitted, so there is nobody to notify: no batch, no message, no incident
    jdbc.update("update renewal_case set phase = 'SUBMITTED' where renewal_year = ?", YEAR);
    travelTo(pid, LocalDate.of(YEAR, 11, 1).atTime(9, 1));
    assertThat(instance(pid)).isWaitingAt("Catch_ReminderDate");
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pid)
        .activityIdIn("ServiceTask_SendReminders").creationLog().count()).isEqualTo(3);
    assertThat(smtp().getReceivedMessages()).hasSize(DUE / 2);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
  }

  /**
   * Each batch of the opening and of the notices selects an id range of its year. Before V3's indexes the look-up
   * read every certificant due that year to find the batch's few (docs/performance.md): the SQL that Hibernate
   * runs for the repositories' queries is taken from H2's statement statistics and run again under
   * {@code EXPLAIN ANALYZE}, which counts the rows each table was read for.
   */
  @Test
  @DisplayName("R3, R23: a batch's look-up reads the rows of its id range, not every certificant due that year")
  void batchLookUpsReadTheirRangeOnly() {
    int year = YEAR + 6;
    insertCertificants("B", DUE, year);
    jdbc.update("insert into renewal_case (certificant_id, renewal_year, phase, opened_at) select id, ?, 'OPEN', ? "
        + "from certificant where certificant_number like 'B%'", year, Timestamp.valueOf(LocalDate.of(year, 8, 1)
        .atStartOfDay()));
    List<Long> ids = jdbc.queryForList("select id from certificant where certificant_number like 'B%' order by id",
        Long.class);
    long first = ids.get(1000);
    long last = ids.get(1019);

    jdbc.execute("SET QUERY_STATISTICS TRUE");
    try {
      assertThat(certificants.findIdsDueInRange(year, first, last)).containsExactlyElementsOf(ids.subList(1000, 1020));
      assertThat(cases.findCertificantIdsBetween(year, RenewalPhase.OPEN, first, last))
          .containsExactlyElementsOf(ids.subList(1000, 1020));
      // each query's parameters in the order of its JPQL (the statuses are literals in it)
      Map<String, Object[]> parameters = Map.of("certification", new Object[] {year, first, last},
          "renewal_case", new Object[] {year, RenewalPhase.OPEN.name(), first, last});
      parameters.forEach((table, values) -> {
        String sql = jdbc.queryForObject("select SQL_STATEMENT from INFORMATION_SCHEMA.QUERY_STATISTICS "
            + "where lower(SQL_STATEMENT) like ? and lower(SQL_STATEMENT) like '%between%'", String.class,
            "% from " + table + " %");
        String plan = jdbc.queryForObject("EXPLAIN ANALYZE " + sql, String.class, values);
        // the batch's 20 rows, and the one after them that ends the index range
        assertThat(rowsRead(plan)).as("rows of %s read for a batch of 20 among %s due:%n%s", table, DUE, plan)
            .isBetween(20L, 21L);
      });
    } finally {
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  /** The rows H2's EXPLAIN ANALYZE says it read, summed over the plan's tables ("scanCount: n"). */
  private static long rowsRead(String plan) {
    return SCAN_COUNT.matcher(plan).results().mapToLong(match -> Long.parseLong(match.group(1))).sum();
  }

}
