package org.namss.recert.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.namss.recert.rules.LatestDecisions;
import org.springframework.context.ApplicationContext;

/** The one table the benchmark prints (and writes to target/benchmark/), from measured values only. */
final class SeasonReport {

  /** Samples the used heap every 100 ms on a daemon thread; the peak is the largest sample. */
  static final class HeapSampler implements AutoCloseable {
    private volatile boolean running = true;
    private volatile long peak;
    private final Thread thread;

    HeapSampler() {
      thread = new Thread(() -> {
        while (running) {
          Runtime rt = Runtime.getRuntime();
          peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
          try {
            Thread.sleep(100); // sampling period of the monitor thread, not a wait in a test
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    /** Forgets the peak so far: from now on the peak is that of what follows. */
    void reset() {
      peak = 0;
    }

    long peakMb() {
      return peak / (1024 * 1024);
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }

  /**
   * The table. oursCpu and bareCpu, when given, add the ratio of the two models' CPU per certificant: the process's
   * CPU time within each model's measured time, which a competing process on the machine hardly moves, unlike wall
   * time (on PostgreSQL the database server's CPU is not in it).
   */
  static String render(int n, String db, RenewalSeason season, long jobs, long decisions, long keptAnswers,
      BareSeason bare, long bareJobs, long peakHeapMb, String settings, CpuAccount.Figures oursCpu,
      CpuAccount.Figures bareCpu) {
    double seconds = season.seasonMillis() / 1000.0;
    List<String[]> rows = new ArrayList<>();
    rows.add(row("certificants (N)", String.valueOf(n)));
    rows.add(row("database / job executor", db + " / " + settings));
    rows.add(row("max heap (-Xmx)", (Runtime.getRuntime().maxMemory() / (1024 * 1024)) + " MB"));
    rows.add(row("setup: certificants + CE (not in the season)", fmt(season.setupMillis / 1000.0) + " s"));
    rows.add(row("season wall time (1 Aug .. 1 Jul)", fmt(seconds) + " s"));
    rows.add(row("renewals per second through the season", fmt(n / seconds)));
    rows.add(row("jobs executed / per second", jobs + " / " + fmt(jobs / seconds)));
    rows.add(row("cycle opening (1 Aug timer to all renewals open)",
        fmt(ms(season, "open the cycle (1 Aug, batches)")) + " s"));
    rows.add(row("lapse sweep (1 Jan timers to drained)", fmt(ms(season, "lapse sweep (1 Jan, timers)")) + " s"));
    rows.add(row("decision evaluations in the season / per second", decisions + " / " + fmt(decisions / seconds)));
    rows.add(row("decision questions answered from a kept result, not evaluated (LatestDecisions)",
        String.valueOf(keptAnswers)));
    rows.add(row("submission over HTTP p50 / p99 (n=" + season.httpSubmitNanos.size() + ")",
        pct(season.httpSubmitNanos, 50) + " / " + pct(season.httpSubmitNanos, 99) + " ms"));
    rows.add(row("submission via RenewalService p50 / p99 (n=" + season.serviceSubmitNanos.size() + ")",
        pct(season.serviceSubmitNanos, 50) + " / " + pct(season.serviceSubmitNanos, 99) + " ms"));
    rows.add(row("e-mails received by SMTP", String.valueOf(season.mailsReceived())));
    rows.add(row("peak heap (sampled)", peakHeapMb + " MB"));
    if (bare != null) {
      double bareSeconds = bare.seasonMillis() / 1000.0;
      rows.add(row("bare model: season wall time / instances per second", fmt(bareSeconds) + " s / "
          + fmt(n / bareSeconds)));
      rows.add(row("bare model: jobs executed", String.valueOf(bareJobs)));
      rows.add(row("ratio ours / bare (throughput)", ratio(season.seasonMillis(), bare.seasonMillis())));
      if (oursCpu != null && bareCpu != null) {
        rows.add(row("ratio ours / bare by CPU (the bare model's CPU per certificant over ours"
            + (db.startsWith("postgres") ? ", this JVM's" : "") + ": " + fmt(bareCpu.process() * 1000 / n) + " / "
            + fmt(oursCpu.process() * 1000 / n) + " ms)", cpuRatio(oursCpu, bareCpu)));
      }
    }
    rows.add(row("load average at the end (1 min)", fmt(ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage())));
    StringBuilder out = new StringBuilder("| measure | value |\n| --- | --- |\n");
    rows.forEach(r -> out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
    out.append("\nPhases (ms):\n\n| phase | ours | bare |\n| --- | --- | --- |\n");
    List<String> bareNames = bare == null ? List.of() : new ArrayList<>(bare.phaseMillis().keySet());
    List<Long> bareValues = bare == null ? List.of() : new ArrayList<>(bare.phaseMillis().values());
    int i = 0;
    for (Map.Entry<String, Long> phase : season.phaseMillis().entrySet()) {
      // the bare season has no calendar start phase: align from the opening on
      int b = i - 1;
      out.append("| ").append(phase.getKey()).append(" | ").append(phase.getValue()).append(" | ")
          .append(b >= 0 && b < bareValues.size() ? bareValues.get(b) + " (" + bareNames.get(b) + ")" : "-")
          .append(" |\n");
      i++;
    }
    return out.toString();
  }

  /** Successful jobs of our processes so far. */
  static long ourJobs(ProcessEngine engine) {
    return Arrays.stream(RenewalSeason.PROCESSES).mapToLong(key -> successfulJobs(engine, key)).sum();
  }

  /**
   * Decisions our season evaluated so far: business-rule tasks write decision history (the bare model's table left
   * out), the Java code's decisions are counted by LatestDecisions.
   */
  static long ourDecisions(ApplicationContext context) {
    HistoryService history = context.getBean(ProcessEngine.class).getHistoryService();
    return history.createHistoricDecisionInstanceQuery().count()
        - history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(BareSeason.DECISION).count()
        + context.getBean(LatestDecisions.class).evaluations();
  }

  /** Questions of the Java code answered from a result kept for the same table version, without an evaluation. */
  static long ourKeptAnswers(ApplicationContext context) {
    return context.getBean(LatestDecisions.class).answeredFromKept();
  }

  static long successfulJobs(ProcessEngine engine, String processDefinitionKey) {
    return engine.getHistoryService().createHistoricJobLogQuery().successLog()
        .processDefinitionKey(processDefinitionKey).count();
  }

  static void write(String name, String table) {
    try {
      Path dir = Path.of("target", "benchmark");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".md"), table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("\n" + table);
  }

  private static double ms(RenewalSeason season, String phase) {
    return season.phaseMillis().getOrDefault(phase, 0L) / 1000.0;
  }

  static String pct(List<Long> nanos, int percentile) {
    if (nanos.isEmpty()) {
      return "-";
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return fmt(sorted.get(Math.max(0, index)) / 1_000_000.0);
  }

  private static String[] row(String name, String value) {
    return new String[] {name, value};
  }

  /** The ratio ours / bare as throughput: the bare model's season time over ours (1 = as fast as the bare engine). */
  static String ratio(long oursMillis, long bareMillis) {
    return fmt((double) bareMillis / oursMillis);
  }

  /** The ratio ours / bare by CPU: the bare model's process CPU over ours, for the same number of certificants. */
  static String cpuRatio(CpuAccount.Figures ours, CpuAccount.Figures bare) {
    return fmt(bare.process() / ours.process());
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
