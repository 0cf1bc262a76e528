package org.namss.recert.ops;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code engine}: the process engine answers a query on its database, and the job executor
 * (which runs timers, asynchronous steps and their retries) is running when the configuration wants it on.
 * DOWN when the engine cannot be queried, or when the job executor should run but does not (then no timer fires
 * and no failed job is retried). Open incidents and jobs without retries are details, not a health failure:
 * they are business work for operations in Cockpit.
 */
public class EngineHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final boolean jobExecutionEnabled;

  public EngineHealthIndicator(ProcessEngine engine, boolean jobExecutionEnabled) {
    super("Process engine not reachable");
    this.engine = engine;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    long incidents = engine.getRuntimeService().createIncidentQuery().count();
    long noRetries = engine.getManagementService().createJobQuery().noRetriesLeft().count();
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor();
    boolean active = jobExecutor != null && jobExecutor.isActive();
    String state = active ? "active" : jobExecutionEnabled ? "stopped" : "disabled by configuration";
    (jobExecutionEnabled && !active ? builder.down() : builder.up())
        .withDetail("name", engine.getName())
        .withDetail("deployments", deployments)
        .withDetail("jobExecutor", state)
        .withDetail("openIncidents", incidents)
        .withDetail("jobsWithoutRetries", noRetries);
  }
}
