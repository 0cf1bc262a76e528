package org.namss.recert.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * The engine's own numbers for Prometheus ({@code /actuator/prometheus}).
 *
 * <ul>
 *   <li>Every metric of Camunda's ManagementService (root-process-instance-start, activity-instance-end,
 *       job-successful, job-failed, executed-decision-elements, ...) as a counter
 *       {@code camunda_<name>_total}: the sum the engine has written to its meter log (all nodes of a cluster)
 *       plus what this node counted since its last write (every 15 minutes).</li>
 *   <li>Gauges: {@code camunda_process_instances_running{processDefinitionKey}} (unfinished instances, suspended
 *       included), {@code camunda_incidents_open} and {@code camunda_jobs_no_retries} (failed jobs waiting
 *       for someone to retry them in Cockpit).</li>
 * </ul>
 * Each scrape runs one count query per meter on the engine's database; scrape every 30-60 s.
 */
public class EngineMetrics implements MeterBinder {

  private final ProcessEngine engine;
  private final MetricsRegistry metricsRegistry;

  public EngineMetrics(ProcessEngine engine) {
    this.engine = engine;
    this.metricsRegistry = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getMetricsRegistry();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Tags engineTag = Tags.of("engine", engine.getName());
    if (metricsRegistry != null) {
      for (String name : new TreeSet<>(metricsRegistry.getDbMeters().keySet())) {
        FunctionCounter.builder("camunda." + name.replace('-', '.'), this, metrics -> metrics.total(name))
            .description("Camunda engine metric '" + name + "' (ManagementService)")
            .tags(engineTag)
            .register(registry);
      }
    }
    for (String key : processDefinitionKeys()) {
      Gauge.builder("camunda.process.instances.running", this, metrics -> metrics.running(key))
          .description("Unfinished process instances of the process definition key")
          .tags(engineTag.and("processDefinitionKey", key))
          .register(registry);
    }
    Gauge.builder("camunda.incidents.open", this, EngineMetrics::openIncidents)
        .description("Open incidents (see Cockpit)").tags(engineTag).register(registry);
    Gauge.builder("camunda.jobs.no.retries", this, EngineMetrics::jobsWithoutRetries)
        .description("Failed jobs with no retries left (an incident each)").tags(engineTag).register(registry);
  }

  /**
   * The engine-wide total of a metric: the ManagementService's sum is what the meter log holds plus what this
   * node counted and has not written yet.
   */
  double total(String name) {
    try {
      return engine.getManagementService().createMetricsQuery().name(name).sum();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  double running(String key) {
    try {
      return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  double openIncidents() {
    try {
      return engine.getRuntimeService().createIncidentQuery().count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  double jobsWithoutRetries() {
    try {
      return engine.getManagementService().createJobQuery().noRetriesLeft().count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private List<String> processDefinitionKeys() {
    return engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getKey).distinct().sorted().toList();
  }
}
