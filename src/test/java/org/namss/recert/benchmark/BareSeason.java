package org.namss.recert.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.namss.recert.benchmark.RenewalSeason.Scenario;

/**
 * The same season on the bare baseline model {@code benchmark/BareRenewalProcess.bpmn}: the recertification
 * model with every delegate a no-op, every listener and form removed and a one-rule decision table, so the same
 * count of business-rule, service and user tasks, timers and async jobs, but no domain table is ever written.
 * It is driven through the same phases on the same dates with the same mix as {@link RenewalSeason}.
 */
public final class BareSeason implements Season {

  static final String KEY = "BareRenewalProcess";
  /** The bare model's one-rule table, which both its business-rule tasks evaluate. */
  static final String DECISION = "bareSubmissionTiming";

  private final ProcessEngine engine;
  private final int year;
  private final int n;
  private final List<String[]> instances = new ArrayList<>(); // {processInstanceId, scenario}
  private final Map<String, Long> phaseMillis = new LinkedHashMap<>();
  /** End events of baseline instances that had ended before this season's run (a warm-up's). */
  private Map<String, Long> endEventsBefore = Map.of();

  /** A season of n instances of the bare model in the renewal year. */
  public BareSeason(ProcessEngine engine, int year, int n) {
    this.engine = engine;
    this.year = year;
    this.n = n;
  }

  /** Deploys the bare model and its decision table. */
  public static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().name("benchmark-bare")
        .addClasspathResource("benchmark/BareRenewalProcess.bpmn")
        .addClasspathResource("benchmark/bareSubmissionTiming.dmn").deploy();
  }

  @Override
  public void begin() {
    endEventsBefore = allEndEvents();
  }

  @Override
  public void end() {
    // nothing to undo
  }

  @Override
  public Map<String, Long> phaseMillis() {
    return phaseMillis;
  }

  @Override
  public List<SeasonPhase> phases() {
    return List.of(
        new SeasonPhase("open the cycle (1 Aug)", LocalDate.of(year, 8, 1), () -> {
          for (int i = 0; i < n; i++) {
            String id = engine.getRuntimeService().createProcessInstanceByKey(KEY).businessKey("bare-" + i)
                .setVariables(Variables.createVariables()
                    .putValue("submittedOn", null).putValue("checkDate", null)
                    .putValue("ceComplete", true).putValue("paidInFull", true)
                    .putValue("extensionGranted", false).putValue("reinstating", false)
                    .putValue("lapseAt", at(LocalDate.of(year + 1, 1, 1)))
                    .putValue("completionDeadline", at(LocalDate.of(year + 1, 1, 1)))
                    .putValue("extensionLapseAt", at(LocalDate.of(year + 1, 6, 2)))
                    .putValue("expiryAt", at(LocalDate.of(year + 1, 7, 1)))
                    .putValue("reviewDueAt", at(LocalDate.of(year + 1, 12, 1)))
                    .putValue("reviewEscalateAt", at(LocalDate.of(year + 2, 12, 1))))
                .execute().getId();
            instances.add(new String[] {id, Scenario.of(i).name()});
          }
        }),
        new SeasonPhase("submit on time, grant extensions (1 Nov)", LocalDate.of(year, 11, 1), () -> {
          correlate(Scenario.ON_TIME, "BareApplicationSubmitted", Map.of("submittedOn", year + "-11-01"));
          correlate(Scenario.EXTENSION, "BareExtensionGranted", Map.of("extensionGranted", true,
              "completionDeadline", at(LocalDate.of(year + 1, 6, 2))));
        }),
        new SeasonPhase("pay (2 Nov)", LocalDate.of(year, 11, 2),
            () -> correlate(Scenario.ON_TIME, "BareCardPaymentConfirmed", Map.of())),
        new SeasonPhase("review (5 Nov)", LocalDate.of(year, 11, 5),
            () -> complete("UserTask_ReviewApplication")),
        new SeasonPhase("submit late (10 Dec)", LocalDate.of(year, 12, 10), () -> {
          correlate(Scenario.LATE, "BareApplicationSubmitted", Map.of("submittedOn", year + "-12-10"));
          correlate(Scenario.LATE_EARLY_CHECK, "BareApplicationSubmitted", Map.of("submittedOn", year + "-12-10"));
        }),
        new SeasonPhase("pay late (11 Dec)", LocalDate.of(year, 12, 11), () -> {
          correlate(Scenario.LATE, "BareCardPaymentConfirmed", Map.of());
          complete("UserTask_RecordCheckPayment");
        }),
        new SeasonPhase("review late (14 Dec)", LocalDate.of(year, 12, 14),
            () -> complete("UserTask_ReviewApplication")),
        new SeasonPhase("lapse sweep (1 Jan)", LocalDate.of(year + 1, 1, 1), () -> { }),
        new SeasonPhase("submit reinstatements (1 Feb)", LocalDate.of(year + 1, 2, 1),
            () -> correlate(Scenario.LAPSE_REINSTATE, "BareApplicationSubmitted", Map.of("submittedOn",
                (year + 1) + "-02-01", "reinstating", true, "completionDeadline", at(LocalDate.of(year + 1, 7, 1))))),
        new SeasonPhase("pay reinstatements (2 Feb)", LocalDate.of(year + 1, 2, 2),
            () -> correlate(Scenario.LAPSE_REINSTATE, "BareCardPaymentConfirmed", Map.of())),
        new SeasonPhase("review reinstatements (5 Feb)", LocalDate.of(year + 1, 2, 5),
            () -> complete("UserTask_ReviewApplication")),
        new SeasonPhase("submit extended (1 Mar)", LocalDate.of(year + 1, 3, 1),
            () -> correlate(Scenario.EXTENSION, "BareApplicationSubmitted",
                Map.of("submittedOn", (year + 1) + "-03-01"))),
        new SeasonPhase("place extended invoices (2 Mar)", LocalDate.of(year + 1, 3, 2),
            () -> complete("UserTask_PlaceRecertificationInvoice")),
        new SeasonPhase("pay extended (3 Mar)", LocalDate.of(year + 1, 3, 3),
            () -> correlate(Scenario.EXTENSION, "BareCardPaymentConfirmed", Map.of())),
        new SeasonPhase("review extended (6 Mar)", LocalDate.of(year + 1, 3, 6),
            () -> complete("UserTask_ReviewApplication")),
        new SeasonPhase("expiry (1 Jul)", LocalDate.of(year + 1, 7, 1), () -> { }));
  }

  @Override
  public void runPhase(SeasonPhase phase) {
    phaseMillis.put(phase.name(), phase.run(engine, n));
    RenewalSeason.progress("[bare] " + phase.name() + ": " + phaseMillis.get(phase.name()) + " ms");
  }

  /**
   * How many of this season's baseline instances ended at each end event (the check that the baseline ran the same
   * paths).
   */
  public Map<String, Long> endEvents() {
    Map<String, Long> ends = allEndEvents();
    endEventsBefore.forEach((end, count) -> ends.merge(end, -count, Long::sum));
    ends.values().removeIf(count -> count == 0);
    return ends;
  }

  private Map<String, Long> allEndEvents() {
    Map<String, Long> ends = new java.util.TreeMap<>();
    engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().list()
        .forEach(p -> ends.merge(String.valueOf(p.getEndActivityId()), 1L, Long::sum));
    return ends;
  }

  public long unfinished() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(KEY).count();
  }

  private void correlate(Scenario scenario, String message, Map<String, Object> variables) {
    for (String[] instance : instances) {
      if (instance[1].equals(scenario.name())) {
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceId(instance[0])
            .setVariables(variables).correlate();
      }
    }
  }

  private void complete(String taskKey) {
    while (true) {
      List<Task> tasks = engine.getTaskService().createTaskQuery().processDefinitionKey(KEY)
          .taskDefinitionKey(taskKey).listPage(0, 500);
      if (tasks.isEmpty()) {
        return;
      }
      tasks.forEach(t -> engine.getTaskService().complete(t.getId(), Map.of("reviewOutcome", "APPROVE")));
    }
  }

  private Date at(LocalDate day) {
    return Date.from(day.atStartOfDay(RenewalSeason.ZONE).toInstant());
  }
}
