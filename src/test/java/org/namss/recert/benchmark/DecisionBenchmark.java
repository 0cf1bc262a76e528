package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionDeployments;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.Decisions;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.LatestDecisions;
import org.namss.recert.rules.ParsedFeelEngine;
import org.namss.recert.rules.SubmissionTiming;

/**
 * Evaluations per second of our decision tables (every table of decisions/, FEEL) through the DecisionRules
 * facade, on an in-memory engine:
 * <ul>
 *   <li>as the application evaluates them: {@link LatestDecisions} (latest version kept, no decision history);
 *   <li>through the engine's DecisionService with history FULL (what the business-rule tasks cost, and what the
 *       facade did before LatestDecisions) and with history NONE (evaluation plus the latest-version query).
 * </ul>
 * Reports the feel-engine jar on the class path, so that {@code -Dfeel-engine.version=1.19.3} gives the "before"
 * FEEL figure.
 */
class DecisionBenchmark {

  static final int ROUND = 10; // evaluations per round, see round()

  @Test
  void ourTablesThroughDecisionRules() throws IOException {
    String feel = feelEngineClass().getProtectionDomain().getCodeSource().getLocation().getPath();
    StringBuilder table = new StringBuilder("feel-engine: " + feel.substring(feel.lastIndexOf('/') + 1) + "\n\n"
        + "| FEEL engine | DecisionRules evaluates through | decision history | evaluations | seconds "
        + "| evaluations per second |\n| --- | --- | --- | --- | --- | --- |\n");
    for (boolean parsedOnce : new boolean[] {true, false}) {
      String feelEngine = parsedOnce ? "ParsedFeelEngine (the application)" : "Camunda's ScalaFeelEngine";
      for (String history : new String[] {ProcessEngineConfiguration.HISTORY_FULL,
          ProcessEngineConfiguration.HISTORY_NONE}) {
        DecisionDeployments deployments = new DecisionDeployments();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
            .createStandaloneInMemProcessEngineConfiguration()
            .setProcessEngineName("decision-benchmark-" + history + parsedOnce)
            .setJdbcUrl("jdbc:h2:mem:decision-benchmark-" + history + parsedOnce + ";DB_CLOSE_DELAY=-1")
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setHistory(history).setJobExecutorActivate(false);
        configuration.setCustomPostDeployers(List.of(deployments));
        if (parsedOnce) {
          ParsedFeelEngine.use(configuration);
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
          deploy(engine);
          DecisionService decisionService = engine.getDecisionService();
          if (history.equals(ProcessEngineConfiguration.HISTORY_FULL)) {
            measure(table, feelEngine, "LatestDecisions, every question evaluated (results-kept 0)", "none written",
                new DecisionRules(new LatestDecisions(engine, deployments, Duration.ofSeconds(5), 0)));
            // the same questions again and again: this row measures the kept results, not the tables
            measure(table, feelEngine, "LatestDecisions, results kept (the application)", "none written",
                new DecisionRules(new LatestDecisions(engine, deployments, Duration.ofSeconds(5))));
          }
          measure(table, feelEngine, "engine DecisionService (as business-rule tasks)", history,
              new DecisionRules(
                  (key, variables) -> decisionService.evaluateDecisionByKey(key).variables(variables).evaluate()));
        } finally {
          engine.close();
        }
      }
    }
    SeasonReport.write("decisions-" + feel.substring(feel.lastIndexOf('/') + 1).replace(".jar", ""),
        table.toString());
  }

  private static void measure(StringBuilder table, String feelEngine, String path, String history,
      DecisionRules rules) {
    run(rules, 3_000_000_000L); // warm-up
    long start = System.nanoTime();
    long rounds = run(rules, 10_000_000_000L);
    double seconds = (System.nanoTime() - start) / 1e9;
    long evaluations = rounds * ROUND;
    table.append("| ").append(feelEngine).append(" | ").append(path).append(" | ").append(history)
        .append(" | ").append(evaluations).append(" | ").append(SeasonReport.fmt(seconds))
        .append(" | ").append(SeasonReport.fmt(evaluations / seconds)).append(" |\n");
  }

  private static void deploy(ProcessEngine engine) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("decisions");
    try (var files = Files.list(Path.of(Decisions.FOLDER))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        deployment.addInputStream(Decisions.FOLDER + "/" + file.getFileName(),
            new ByteArrayInputStream(Files.readAllBytes(file)));
      }
    }
    deployment.deploy();
  }

  private static Class<?> feelEngineClass() {
    try {
      return Class.forName("org.camunda.feel.FeelEngine");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("feel-engine is not on the class path", e);
    }
  }

  private static long run(DecisionRules rules, long nanos) {
    long end = System.nanoTime() + nanos;
    long rounds = 0;
    while (System.nanoTime() < end) {
      round(rules);
      rounds++;
    }
    return rounds;
  }

  /** One evaluation of each table (two of submissionTiming), with results checked so nothing is optimized away. */
  private static void round(DecisionRules rules) {
    assertThat(rules.creditRequirement(CertificationCategory.CPCS, false).totalCredits()).isEqualByComparingTo("30");
    assertThat(rules.renewalCalendar(2026).applicationOpens()).isEqualTo(LocalDate.of(2026, 8, 1));
    assertThat(rules.creditWindow(2026, LocalDate.of(2023, 3, 15), 3)).isNotNull();
    assertThat(rules.submissionTiming(2026, LocalDate.of(2026, 11, 1), null, false))
        .isEqualTo(SubmissionTiming.ON_TIME);
    // R15: late, but paid by a check dated 28 November
    assertThat(rules.submissionTiming(2026, LocalDate.of(2026, 12, 10), LocalDate.of(2026, 11, 28), false))
        .isEqualTo(SubmissionTiming.ON_TIME);
    assertThat(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS)).hasSize(2);
    assertThat(rules.extensionEligibility(2026, new BigDecimal("30"), new BigDecimal("16"),
        LocalDateTime.of(2026, 11, 15, 10, 0)).eligible()).isTrue();
    assertThat(rules.reminders(2026)).isNotEmpty();
    assertThat(rules.reviewDeadlines("RECERTIFICATION").dueDays()).isEqualTo(21);
    assertThat(rules.cycleYears("CPCS")).isEqualTo(3);
  }
}
