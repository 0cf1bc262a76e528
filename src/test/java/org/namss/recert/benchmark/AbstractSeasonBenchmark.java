package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.namss.recert.benchmark.BenchmarkSettings.Order;
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
 * through a whole season on the real application with the job executor on, and N instances of the bare baseline
 * model through the same phases on the same engine, day by day beside ours ({@link Interleaving}), so that the ratio
 * ours / bare holds however the machine's pace changes; {@code -Dbenchmark.order=ours-first} or {@code bare-first}
 * runs one whole season after the other instead, {@code ours-only} our season alone (no bare model, no ratio), for
 * the largest sizes. Prints one table and writes it to target/benchmark/. Before them, unmeasured warm-up rounds, a
 * season of each model each ({@code -Dbenchmark.warmup}, 1,000 certificants; 0 for none), until the JIT settles.
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
  record Window(Map<String, Long> rowsBefore, Map<String, Long> rowsAfter,
      List<StatementStatistics.Entry> statements, CpuAccount.Figures cpu) {

    /** Both windows as one: the rows each added, the statements and the CPU of both. */
    Window plus(Window later) {
      Map<String, Long> after = new java.util.TreeMap<>(rowsAfter);
      later.rowsAfter.forEach((table, rows) -> after.merge(table, rows - later.rowsBefore.getOrDefault(table, 0L),
          Long::sum));
      return new Window(rowsBefore, after, StatementStatistics.plus(statements, later.statements),
          cpu.plus(later.cpu));
    }
  }

  /** The rows of every table and, when counted, H2's statement statistics at one moment. */
  private record Snapshot(Map<String, Long> rows, Map<String, StatementStatistics.Entry> statements) {

    static Snapshot take(DataSource dataSource, boolean countStatements) {
      return new Snapshot(TableRows.count(dataSource),
          countStatements ? StatementStatistics.snapshot(dataSource) : Map.of());
    }
  }

  /**
   * Measures runs that follow one another with nothing in between (the two seasons, or the interleaved phases): each
   * window starts from the snapshot the previous one ended with, so the tables are counted once per boundary, not
   * twice (on PostgreSQL each count reads every table, 33 phase boundaries a season).
   */
  private static final class Windows implements Function<Runnable, Window> {
    private final DataSource dataSource;
    private final boolean countStatements;
    private Snapshot last;

    Windows(DataSource dataSource, boolean countStatements) {
      this.dataSource = dataSource;
      this.countStatements = countStatements;
    }

    @Override
    public Window apply(Runnable run) {
      Snapshot before = last != null ? last : Snapshot.take(dataSource, countStatements);
      CpuAccount.Figures cpu;
      try (CpuAccount account = new CpuAccount()) {
        run.run();
        cpu = account.stop();
      }
      last = Snapshot.take(dataSource, countStatements);
      List<StatementStatistics.Entry> statements = countStatements
          ? StatementStatistics.between(before.statements(), last.statements()) : List.of();
      return new Window(before.rows(), last.rows(), statements, cpu);
    }
  }

  /** The CPU time of a run and nothing else (a warm-up round's: no row counts, no statements). */
  private static Window cpuOnly(Runnable run) {
    try (CpuAccount account = new CpuAccount()) {
      run.run();
      return new Window(Map.of(), Map.of(), List.of(), account.stop());
    }
  }

  /** Each model's measured window; bare is null when only ours ran. */
  private record Runs(Window ours, Window bare) {}

  /**
   * Runs our season and the bare model's in the given order (bare null for ours alone), each measured by
   * {@code measure} (a window of the whole season, or the sum of its phases' windows when interleaved).
   */
  private Runs runBoth(Order order, RenewalSeason ours, BareSeason bare, Function<Runnable, Window>
      measure) {
    return switch (order) {
      case INTERLEAVED -> {
        Window[] windows = new Window[2];
        new Interleaving(engine).run(ours, bare, (forOurs, phase) -> {
          int i = forOurs ? 0 : 1;
          Window window = measure.apply(phase);
          windows[i] = windows[i] == null ? window : windows[i].plus(window);
        });
        yield new Runs(windows[0], windows[1]);
      }
      case OURS_FIRST -> {
        Window oursRun = measure.apply(ours::run);
        yield new Runs(oursRun, measure.apply(bare::run));
      }
      case BARE_FIRST -> {
        Window bareRun = measure.apply(bare::run);
        yield new Runs(measure.apply(ours::run), bareRun);
      }
      case OURS_ONLY -> new Runs(measure.apply(ours::run), null);
    };
  }

  @Test
  void season() {
    int n = Integer.getInteger("benchmark.n", 10_000);
    int year = BenchmarkSettings.YEAR;
    Order order = BenchmarkSettings.order();
    boolean oursOnly = order == Order.OURS_ONLY;
    DataSource dataSource = context.getBean(DataSource.class);
    // null unless the database is PostgreSQL with autovacuum off, as on the CI machines' server
    try (SeasonReport.HeapSampler heap = new SeasonReport.HeapSampler();
        AutovacuumStandIn vacuum = AutovacuumStandIn.startIfNeeded(dataSource)) {
      boolean statementsCounted = StatementStatistics.enabled(database());
      if (statementsCounted) {
        StatementStatistics.start(dataSource);
      }
      // Calendars start only through RenewalCalendarService.startYear here, as the season's first phase does: the
      // yearly timer (2 January) would otherwise start a year's calendar while another model's season passes that
      // date, and its opening would find nobody due yet.
      engine.getManagementService().suspendJobDefinitionByProcessDefinitionKey("YearlyRenewalProcess", true);
      BareSeason.deploy(engine);
      int warmupCount = BenchmarkSettings.warmup();
      String warmup = warmUp(warmupCount, order);
      heap.reset(); // the peak of the measured runs, not of the warm-up
      // Our certificants (untimed) before either measured run, whichever runs first: both then start after the same
      // work. The bare model reads none of these rows, and no calendar of the year runs before our season starts it.
      RenewalSeason season = newSeason(year);
      season.setUp(n);
      BareSeason bare = new BareSeason(engine, year, n);
      long jobsBefore = SeasonReport.ourJobs(engine);
      long bareJobsBefore = SeasonReport.successfulJobs(engine, BareSeason.KEY);
      long decisionsBefore = SeasonReport.ourDecisions(context);
      long keptAnswersBefore = SeasonReport.ourKeptAnswers(context);

      Runs runs = runBoth(order, season, bare, new Windows(dataSource, statementsCounted));
      Window ours = runs.ours();
      Window bareRun = runs.bare();
      List<String> problems = SeasonOutcome.problems(context, season, year);
      long jobs = SeasonReport.ourJobs(engine) - jobsBefore;
      long decisions = SeasonReport.ourDecisions(context) - decisionsBefore;
      long keptAnswers = SeasonReport.ourKeptAnswers(context) - keptAnswersBefore;
      long bareJobs = SeasonReport.successfulJobs(engine, BareSeason.KEY) - bareJobsBefore;
      String statements = "";
      if (statementsCounted) {
        List<StatementStatistics.Entry> bareStatements = oursOnly ? List.of() : bareRun.statements();
        statements = "\n" + StatementStatistics.render(n, ours.statements(), bareStatements, 40,
            warmupCount > 0);
        StatementStatistics.writeTsv("statements-" + n + "-" + database() + ".tsv", n, ours.statements(),
            bareStatements);
      }
      String table = SeasonReport.render(n, database(), season, jobs, decisions, keptAnswers,
          oursOnly ? null : bare, bareJobs, heap.peakMb(), BenchmarkSettings.jobExecutorMode(), ours.cpu(),
          oursOnly ? null : bareRun.cpu());
      String arrangement = switch (order) {
        case INTERLEAVED -> "both seasons day by day (-Dbenchmark.order=interleaved, the default): on each day one"
            + " model's phase, then the other's, the first alternating; the other model's jobs suspended meanwhile."
            + " Each model's time and CPU are the sums of its phases'";
        case OURS_FIRST -> "our season first, then the bare model on the same database";
        case BARE_FIRST -> "the bare model first, then our season";
        case OURS_ONLY -> "our season only (-Dbenchmark.order=ours-only), no bare model";
      };
      SeasonReport.write("season-" + n + "-" + database() + "-" + BenchmarkSettings.jobExecutorMode()
              + (order == Order.INTERLEAVED ? "" : "-" + order.value) + (warmupCount == 0 ? "-nowarmup" : ""),
          table + "\nOrder: " + arrangement + ".\n\n" + warmup + (vacuum == null ? "" : "\n\n" + vacuum.report())
              + (oursOnly ? "" : "\n\nBare end events: " + bare.endEvents()) + "\n\n"
              + TableRows.growth(n, ours.rowsBefore(), ours.rowsAfter(),
                  oursOnly ? null : bareRun.rowsBefore(), oursOnly ? null : bareRun.rowsAfter())
              + statements + "\n\nCPU time by thread group (each model's measured time: its season's phases and the"
              + " driver's clock moves between them):\n\n" + ours.cpu().render("ours", n)
              + (oursOnly ? "" : "\n" + bareRun.cpu().render("bare", n)));

      assertThat(problems).as("every renewal in its expected end state").isEmpty();
      if (!oursOnly) {
        assertThat(bare.unfinished()).as("bare instances left running").isZero();
      }
    }
  }

  /** A season of the given renewal year on this application; every 10th submission over HTTP as admin. */
  private RenewalSeason newSeason(int renewalYear) {
    return new RenewalSeason(context, renewalYear, port, "admin", ADMIN_PASSWORD, smtp(), TestServers.credly(), 10);
  }

  /**
   * Warm-up rounds, unmeasured: in each, {@code count} certificants of each model through a season of one of
   * {@link BenchmarkSettings#WARMUP_YEARS}, until the JIT compiled for less than {@link BenchmarkSettings#JIT_SETTLED}
   * of the round's wall time (or {@code -Dbenchmark.warmup.rounds} ran), so that both measured runs find the JVM warm:
   * the JIT's compiled code, loaded classes, filled caches. On 2 cores one C2 compiler thread works through the
   * application's hot methods for many minutes, and a model that runs while it does pays for it. Checks that each
   * round ended as the mix says and left no instance running. The rounds run the models in the order the measured
   * runs will. Returns lines for the report.
   */
  private String warmUp(int count, Order order) {
    boolean bareToo = order != Order.OURS_ONLY;
    if (count <= 0) {
      return "Warm-up: none (-Dbenchmark.warmup=0): the model that runs first pays the JVM's warm-up.";
    }
    long running = engine.getRuntimeService().createProcessInstanceQuery().count();
    StringBuilder report = new StringBuilder("Warm-up, not measured: rounds of " + count + " certificants of "
        + (bareToo ? "each model" : "our model") + " through a season, until the JIT compiled for less than "
        + Math.round(BenchmarkSettings.JIT_SETTLED * 100) + " % of a round's wall time (at most "
        + BenchmarkSettings.warmupRounds() + " rounds). Each round's ratios ours / bare, by wall time (throughput)"
        + " and by the process's CPU per certificant, show how far they spread between runs of the same code once"
        + " the JIT has settled:\n\n"
        + "| renewal year | ours | bare | ratio ours / bare | ratio by CPU | JIT compiling |\n"
        + "| --- | --- | --- | --- | --- | --- |\n");
    for (int round = 0; round < BenchmarkSettings.warmupRounds(); round++) {
      int warmupYear = BenchmarkSettings.WARMUP_YEARS.get(round);
      long compilingBefore = CpuAccount.compilingMillis();
      long start = System.nanoTime();
      RenewalSeason ours = newSeason(warmupYear);
      ours.setUp(count);
      BareSeason bare = bareToo ? new BareSeason(engine, warmupYear, count) : null;
      Runs runs = runBoth(order, ours, bare, AbstractSeasonBenchmark::cpuOnly);
      assertThat(SeasonOutcome.problems(context, ours, warmupYear))
          .as("every warm-up renewal in its expected end state").isEmpty();
      if (bareToo) {
        assertThat(bare.unfinished()).as("warm-up bare instances left running").isZero();
        long expiring = java.util.stream.IntStream.range(0, count)
            .filter(i -> RenewalSeason.Scenario.of(i) == RenewalSeason.Scenario.LAPSE_EXPIRE).count();
        assertThat(bare.endEvents()).as("warm-up bare instances' end events")
            .isEqualTo(Map.of("EndEvent_Recertified", count - expiring, "EndEvent_Expired", expiring));
      }
      // the next round sets the clock back to an earlier year: nothing may be left waiting for a date
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
          .as("process instances running after warm-up round " + warmupYear).isEqualTo(running);
      double wall = (System.nanoTime() - start) / 1e9;
      double compiling = (CpuAccount.compilingMillis() - compilingBefore) / 1e3;
      report.append("| ").append(warmupYear).append(" | ").append(SeasonReport.fmt(ours.seasonMillis() / 1000.0))
          .append(" s | ").append(bare == null ? "-" : SeasonReport.fmt(bare.seasonMillis() / 1000.0) + " s")
          .append(" | ").append(bare == null ? "-" : SeasonReport.ratio(ours.seasonMillis(), bare.seasonMillis()))
          .append(" | ").append(bare == null ? "-" : SeasonReport.cpuRatio(runs.ours().cpu(), runs.bare().cpu()))
          .append(" | ").append(SeasonReport.fmt(compiling)).append(" s of ").append(SeasonReport.fmt(wall))
          .append(" s (").append(Math.round(100 * compiling / wall)).append(" %) |\n");
      if (compiling < BenchmarkSettings.JIT_SETTLED * wall) {
        return report.toString();
      }
    }
    return report.append("\nThe JIT had not settled when the rounds ran out: the first measured run pays for the rest.")
        .toString();
  }
}
