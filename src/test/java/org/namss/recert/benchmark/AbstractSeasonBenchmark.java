package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.namss.recert.rules.LatestDecisions;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The renewal-season benchmark (docs/performance.md): N certificants ({@code -Dbenchmark.n}, default 10,000)
 * through a whole season on the real application with the job executor on, then N instances of the bare baseline
 * model through the same phases on the same engine (or the bare model first: {@code -Dbenchmark.order=bare-first});
 * prints one table and writes it to target/benchmark/.
 * Run with {@code ./mvnw -Pbenchmark verify -Dbenchmark.n=10000}; never part of the normal test run.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// One log line per e-mail otherwise: 100,000 lines at N = 10,000. Logging levels must be test property sources:
// Spring Boot sets them up before @DynamicPropertySource values reach the environment.
@TestPropertySource(properties = {
    "logging.level.org.namss.recert=WARN",
    "logging.level.org.namss.recert.calendar=INFO",
    "logging.level.com.icegreen.greenmail=WARN"})
abstract class AbstractSeasonBenchmark extends ApplicationTest {

  @DynamicPropertySource
  static void jobExecutor(DynamicPropertyRegistry registry) {
    BenchmarkSettings.jobExecutorOn(registry);
  }

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  abstract String database();

  /** What one run left behind: the rows it added and the statements it executed (when counted). */
  private record Window(Map<String, Long> rowsBefore, Map<String, Long> rowsAfter,
      List<StatementStatistics.Entry> statements) {}

  private static Window window(DataSource dataSource, boolean countStatements, Runnable run) {
    Map<String, Long> rowsBefore = TableRows.count(dataSource);
    Map<String, StatementStatistics.Entry> before =
        countStatements ? StatementStatistics.snapshot(dataSource) : Map.of();
    run.run();
    List<StatementStatistics.Entry> statements = countStatements
        ? StatementStatistics.between(before, StatementStatistics.snapshot(dataSource)) : List.of();
    return new Window(rowsBefore, TableRows.count(dataSource), statements);
  }

  @Test
  void season() {
    int n = Integer.getInteger("benchmark.n", 10_000);
    int year = BenchmarkSettings.YEAR;
    boolean bareFirst = BenchmarkSettings.bareFirst();
    try (SeasonReport.HeapSampler heap = new SeasonReport.HeapSampler()) {
      DataSource dataSource = context.getBean(DataSource.class);
      boolean statementsCounted = StatementStatistics.enabled(database());
      if (statementsCounted) {
        StatementStatistics.start(dataSource);
      }
      BareSeason bare = new BareSeason(engine, year);
      bare.deploy();
      // -Dbenchmark.order=bare-first: the bare model on the fresh database and the cold JIT, then our season
      Window bareRun = bareFirst ? window(dataSource, statementsCounted, () -> bare.run(n)) : null;

      RenewalSeason season = new RenewalSeason(context, year, port, "admin", ADMIN_PASSWORD, smtp(),
          TestServers.credly(), 10);
      season.setUp(n);
      long decisionsBefore = context.getBean(LatestDecisions.class).evaluations()
          + engine.getHistoryService().createHistoricDecisionInstanceQuery().count();
      Window ours = window(dataSource, statementsCounted, season::run);
      List<String> problems = SeasonOutcome.problems(context, season, year, TestServers.credly());
      long jobs = SeasonReport.successfulJobs(engine, "RecertificationProcess")
          + SeasonReport.successfulJobs(engine, "ExtensionProcess")
          + SeasonReport.successfulJobs(engine, "RenewalCalendarProcess");
      // business-rule tasks write decision history; the Java code's decisions are counted by LatestDecisions
      long decisions = engine.getHistoryService().createHistoricDecisionInstanceQuery().count()
          + context.getBean(LatestDecisions.class).evaluations() - decisionsBefore;

      if (!bareFirst) {
        bareRun = window(dataSource, statementsCounted, () -> bare.run(n));
      }
      String statements = "";
      if (statementsCounted) {
        statements = "\n" + StatementStatistics.render(n, ours.statements(), bareRun.statements(), 40);
        StatementStatistics.writeTsv("statements-" + n + "-" + database() + ".tsv", n, ours.statements(),
            bareRun.statements());
      }
      long bareJobs = SeasonReport.successfulJobs(engine, BareSeason.KEY);
      String table = SeasonReport.render(n, database(), season, jobs, decisions, bare, bareJobs, heap.peakMb(),
          BenchmarkSettings.jobExecutorMode());
      SeasonReport.write("season-" + n + "-" + database() + "-" + BenchmarkSettings.jobExecutorMode()
              + (bareFirst ? "-bare-first" : ""),
          table + "\nOrder: " + (bareFirst ? "the bare model first, on the fresh database, then our season"
              : "our season first, then the bare model on the same database") + ".\n\nBare end events: "
              + bare.endEvents() + "\n\n"
              + TableRows.growth(n, ours.rowsBefore(), ours.rowsAfter(), bareRun.rowsBefore(), bareRun.rowsAfter())
              + statements);

      assertThat(problems).as("every renewal in its expected end state").isEmpty();
      assertThat(bare.unfinished()).as("bare instances left running").isZero();
    }
  }
}
