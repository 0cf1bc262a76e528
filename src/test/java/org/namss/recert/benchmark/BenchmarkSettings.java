package org.namss.recert.benchmark;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings of the benchmark runs. The job executor is ON (unlike the other application tests), with the settings
 * of application.yaml ({@code application}); {@code -Dbenchmark.jobexecutor=default} sets Camunda's starter
 * defaults explicitly and {@code -Dbenchmark.jobexecutor=large} a larger pool (4-8 threads, 8 jobs per acquisition,
 * queue 16, 1 s idle wait), so that settings can be compared.
 */
final class BenchmarkSettings {

  private BenchmarkSettings() {}

  static final int YEAR = 2026;

  static void jobExecutorOn(DynamicPropertyRegistry registry) {
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    if ("large".equals(jobExecutorMode())) {
      registry.add("camunda.bpm.job-execution.core-pool-size", () -> "4");
      registry.add("camunda.bpm.job-execution.max-pool-size", () -> "8");
      registry.add("camunda.bpm.job-execution.queue-capacity", () -> "16");
      registry.add("camunda.bpm.job-execution.max-jobs-per-acquisition", () -> "8");
      registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "1000");
      registry.add("camunda.bpm.job-execution.max-wait", () -> "10000");
    }
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
    return System.getProperty("benchmark.jobexecutor", "application");
  }
}
