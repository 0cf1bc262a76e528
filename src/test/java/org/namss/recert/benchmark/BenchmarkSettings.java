package org.namss.recert.benchmark;

import java.util.List;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings of the benchmark runs. The job executor is ON (unlike the other application tests), with the settings
 * of application.yaml ({@code application}); {@code -Dbenchmark.jobexecutor=default} sets Camunda's starter
 * defaults explicitly and {@code -Dbenchmark.jobexecutor=large} a larger pool (4-8 threads, 8 jobs per acquisition,
 * queue 16, 1 s idle wait) and {@code -Dbenchmark.jobexecutor=small} one thread per core (2, queue 6), so that settings
 * can be compared. The starter's defaults grow the pool to 10 threads whenever its queue of 3 is full.
 */
final class BenchmarkSettings {

  private BenchmarkSettings() {}

  static final int YEAR = 2026;

  /**
   * The renewal years of the warm-up rounds, in the order they run: downwards from the year before the measured one.
   * A round's certificants renew into its year + 3, which no later round (an earlier year) and not the measured season
   * opens; {@code YEAR - 3} is left out, as its certificants would renew into the measured year. Every instance of a
   * round ends within its season, so the engine clock going back to an earlier year for the next round leaves no
   * timer behind (the benchmark checks it).
   */
  static final List<Integer> WARMUP_YEARS = List.of(YEAR - 1, YEAR - 2, YEAR - 4, YEAR - 5, YEAR - 6, YEAR - 7);

  /** Job executor settings per mode, in the order core pool, max pool, queue, jobs per acquisition, wait, max wait. */
  private static final java.util.Map<String, int[]> MODES = java.util.Map.of(
      "default", new int[] {3, 10, 3, 3, 5000, 60000}, // the Camunda Spring Boot starter's defaults
      "large", new int[] {4, 8, 16, 8, 1000, 10000},
      "small", new int[] {2, 2, 6, 3, 5000, 60000}); // one thread per core; the queue holds two acquisitions
  private static final String[] KEYS = {"core-pool-size", "max-pool-size", "queue-capacity",
      "max-jobs-per-acquisition", "wait-time-in-millis", "max-wait"};

  static void jobExecutorOn(DynamicPropertyRegistry registry) {
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    int[] values = MODES.get(jobExecutorMode()); // none for "application": application.yaml's settings
    for (int i = 0; values != null && i < KEYS.length; i++) {
      String value = String.valueOf(values[i]);
      registry.add("camunda.bpm.job-execution." + KEYS[i], () -> value);
    }
  }

  /**
   * The application's own H2 URL (application.yaml, with its WRITE_DELAY and CACHE_SIZE), on a file of the
   * benchmark's: the test base class points the datasource at an in-memory database, so the benchmark sets the
   * URL back to the application's and only moves the file.
   */
  static void applicationH2File(DynamicPropertyRegistry registry, String file) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    String url = yaml.getObject().getProperty("spring.datasource.url");
    registry.add("spring.datasource.url", () -> url);
    registry.add("recert.h2.file", () -> file);
  }

  /** How the measured runs of the two models are arranged ({@code -Dbenchmark.order}). */
  enum Order {
    /**
     * The default: both seasons day by day, one model's phase after the other's ({@link Interleaving}), so that a
     * change in the machine's pace weighs on both alike.
     */
    INTERLEAVED("interleaved"),
    /** Our whole season, then the bare model's on the same database (the default until 2026-12-06). */
    OURS_FIRST("ours-first"),
    /** The bare model's whole season, then ours. */
    BARE_FIRST("bare-first"),
    /**
     * Our season alone, no bare model and so no ratio; for sizes where the bare run would not fit the time at hand
     * (at 50,000 it adds about 35 minutes).
     */
    OURS_ONLY("ours-only");

    final String value;

    Order(String value) {
      this.value = value;
    }
  }

  static Order order() {
    String value = System.getProperty("benchmark.order", Order.INTERLEAVED.value).strip();
    for (Order order : Order.values()) {
      if (order.value.equals(value)) {
        return order;
      }
    }
    throw new IllegalArgumentException("-Dbenchmark.order must be interleaved, ours-first, bare-first or ours-only,"
        + " not '" + value + "'");
  }

  /**
   * {@code -Dbenchmark.warmup}: certificants of each model run through a season in each warm-up round before the
   * measured runs (default 1,000; 0 for none; else at least 100, so that every scenario of the mix runs), so that
   * neither measured run pays the JVM's warm-up (JIT compilation): without it the model that runs first is 35-45 s
   * slower at N = 1,000, and with 300 the bare model still was 20 s slower first (docs/performance.md).
   */
  static int warmup() {
    int count = intProperty("benchmark.warmup", 1000, "a number of certificants");
    if (count != 0 && count < 100) { // the mix is per 100 certificants: fewer would leave scenarios out
      throw new IllegalArgumentException("-Dbenchmark.warmup must be 0 (none) or at least 100, not " + count);
    }
    return count;
  }

  /**
   * {@code -Dbenchmark.warmup.rounds}: at most this many warm-up rounds (default and at most
   * {@code WARMUP_YEARS.size()}); rounds stop earlier once the JIT compiled for less than
   * {@link #JIT_SETTLED} of a round's wall time. On the 2-core machine one round of 1,000 certificants (or one of
   * 3,000) left the JIT compiling for 36-92 s of our measured season (docs/performance.md).
   */
  static int warmupRounds() {
    int rounds = intProperty("benchmark.warmup.rounds", WARMUP_YEARS.size(), "a number of rounds");
    if (rounds < 1 || rounds > WARMUP_YEARS.size()) {
      throw new IllegalArgumentException("-Dbenchmark.warmup.rounds must be 1 to " + WARMUP_YEARS.size() + ", not "
          + rounds);
    }
    return rounds;
  }

  /**
   * The JIT counts as settled once it compiled for less than this share of a warm-up round's wall time. Rounds of
   * 1,000 certificants on the 2-core machine went 113, 93, 59, 30, 13 and 14 % (2026-12-06): what is left is the
   * compiling a long-running server also does.
   */
  static final double JIT_SETTLED = 0.15;

  private static int intProperty(String name, int otherwise, String what) {
    String value = System.getProperty(name, String.valueOf(otherwise)).strip();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be " + what + ", not '" + value + "'");
    }
  }

  static String jobExecutorMode() {
    return System.getProperty("benchmark.jobexecutor", "application");
  }
}
