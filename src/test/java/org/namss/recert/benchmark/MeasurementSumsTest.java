package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The interleaved benchmark adds up each model's phases: rows, statements and CPU of several measured windows must
 * come out as if one window had covered them all.
 */
class MeasurementSumsTest {

  private static CpuAccount.Figures cpu(double jobs, double tiny, int jobThreads, double process) {
    return new CpuAccount.Figures(Map.of("job executor", jobs, "Awaitility (the driver's waits)", tiny),
        Map.of("job executor", jobThreads, "Awaitility (the driver's waits)", 1), process, 2 * process, 0.5, 0.25);
  }

  @Test
  void windowsAddRowsStatementsAndCpu() {
    AbstractSeasonBenchmark.Window first = new AbstractSeasonBenchmark.Window(
        Map.of("act_hi_procinst", 100L, "invoice", 10L), Map.of("act_hi_procinst", 130L, "invoice", 12L),
        List.of(new StatementStatistics.Entry("select 1", 5, 2.0), new StatementStatistics.Entry("commit", 3, 1.0)),
        cpu(1.0, 0.02, 10, 4.0));
    // the other model ran in between: the second window starts from more rows than the first left
    AbstractSeasonBenchmark.Window second = new AbstractSeasonBenchmark.Window(
        Map.of("act_hi_procinst", 200L, "invoice", 12L), Map.of("act_hi_procinst", 205L, "invoice", 15L, "payment", 4L),
        List.of(new StatementStatistics.Entry("commit", 2, 3.0), new StatementStatistics.Entry("update x", 1, 0.5)),
        cpu(2.0, 0.02, 11, 6.0));

    AbstractSeasonBenchmark.Window both = first.plus(second);

    // 30 + 5 process instances, 2 + 3 invoices, 4 payments added
    assertThat(TableRows.growth(1, both.rowsBefore(), both.rowsAfter(), null, null))
        .contains("| act_hi_procinst | 35.00 | - |", "| invoice | 5.00 | - |", "| payment | 4.00 | - |");
    assertThat(both.statements()).containsExactly(new StatementStatistics.Entry("commit", 5, 4.0),
        new StatementStatistics.Entry("select 1", 5, 2.0), new StatementStatistics.Entry("update x", 1, 0.5));
    assertThat(both.cpu().process()).isEqualTo(10.0);
    assertThat(both.cpu().wall()).isEqualTo(20.0);
    assertThat(both.cpu().gcPauses()).isEqualTo(1.0);
    assertThat(both.cpu().compiling()).isEqualTo(0.5);
    assertThat(both.cpu().byGroup()).containsEntry("job executor", 3.0);
    assertThat(both.cpu().threadsSeen()).containsEntry("job executor", 11);
    // groups under 0.05 s in each window are kept apart until the table: together they make 0.04 s, still small
    assertThat(both.cpu().byGroup().get("Awaitility (the driver's waits)"))
        .isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(both.cpu().render("ours", 1)).contains("| other threads, under 0.05 s each | 1 | 0.0 s |")
        .contains("| job executor | 11 | 3.0 s | 3000.0 ms | 30 % |");
  }

  @Test
  void statementTimesWithoutAWarmUpAreMarkedAsNotComparable() {
    List<StatementStatistics.Entry> ours = List.of(new StatementStatistics.Entry("select 1", 10, 8.0));
    List<StatementStatistics.Entry> bare = List.of(new StatementStatistics.Entry("select 1", 10, 2.0));
    assertThat(StatementStatistics.render(10, ours, bare, 40, false)).contains("**No warm-up ran")
        .contains("| `select 1` | 1.00 | 0.80 | 1.00 | 0.20 |");
    assertThat(StatementStatistics.render(10, ours, bare, 40, true)).doesNotContain("No warm-up")
        .contains("| `select 1` | 1.00 | 0.80 | 1.00 | 0.20 |");
  }

  @Test
  void aGroupSmallInEachWindowIsItsOwnRowOnceItAddsUp() {
    CpuAccount.Figures sum = cpu(1.0, 0.03, 10, 4.0).plus(cpu(1.0, 0.03, 10, 4.0));
    assertThat(sum.render("ours", 1)).contains("| Awaitility (the driver's waits) | 1 | 0.1 s |")
        .doesNotContain("under 0.05 s each");
  }

  @Test
  void theJvmsOwnThreadsAreListedByKind() {
    assertThat(CpuAccount.nativeGroup("GC Thread#1")).isEqualTo("JVM: collector's workers (pauses)");
    assertThat(CpuAccount.nativeGroup("G1 Conc#0")).isEqualTo("JVM: G1 concurrent marking");
    assertThat(CpuAccount.nativeGroup("G1 Refine#0")).isEqualTo("JVM: G1 refinement");
    assertThat(CpuAccount.nativeGroup("C2 CompilerThre")).isEqualTo("JVM: JIT compilers");
    assertThat(CpuAccount.nativeGroup("VM Thread")).isEqualTo("JVM: VM thread");
    assertThat(CpuAccount.nativeGroup("camundaTaskExecutor-1")).isNull();
  }

  @Test
  void onLinuxTheCollectorsCpuIsReadFromProc() {
    org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/proc/self/task").isDirectory(), "no /proc");
    CpuAccount.Figures figures;
    try (CpuAccount account = new CpuAccount()) {
      long end = System.nanoTime() + 1_500_000_000L;
      List<byte[]> kept = new java.util.ArrayList<>();
      while (System.nanoTime() < end) { // allocate, so that the collector's workers run
        kept.add(new byte[64 * 1024]);
        if (kept.size() > 200) {
          kept.clear();
        }
        System.gc();
      }
      figures = account.stop();
    }
    // G1 and Parallel collect in "GC Thread#n", Serial in the VM thread
    assertThat(figures.byGroup().getOrDefault("JVM: collector's workers (pauses)", 0.0)
        + figures.byGroup().getOrDefault("JVM: VM thread", 0.0)).isPositive();
    assertThat(figures.byGroup().values()).allSatisfy(cpu -> assertThat(cpu).isGreaterThanOrEqualTo(0.0));
    assertThat(figures.render("ours", 1)).contains("| JVM: other (process minus the threads listed");
  }
}
