package org.namss.recert.benchmark;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings of the benchmark runs. The job executor is ON (unlike the other application tests). With
 * {@code -Dbenchmark.jobexecutor=default} it runs with Camunda's own defaults instead of the tuned values of
 * application.yaml, so both can be measured.
 */
final class BenchmarkSettings {

  private BenchmarkSettings() {}

  static final int YEAR = 2026;

  static void jobExecutorOn(DynamicPropertyRegistry registry) {
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    if ("default".equals(jobExecutorMode())) {
      // the Camunda Spring Boot starter's defaults
      registry.add("camunda.bpm.job-execution.core-pool-size", () -> "3");
      registry.add("camunda.bpm.job-execution.max-pool-size", () -> "10");
      registry.add("camunda.bpm.job-execution.queue-capacity", () -> "3");
      registry.add("camunda.bpm.job-execution.max-jobs-per-acquisition", () -> "3");
      registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "5000");
      registry.add("camunda.bpm.job-execution.max-wait", () -> "60000");
    }
  }

  static String jobExecutorMode() {
    return System.getProperty("benchmark.jobexecutor", "tuned");
  }
}
