package org.namss.recert.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed job whose exception (or one of its causes) is {@link NonRetryable} gets no retries left at once, which
 * raises its failedJob incident in Cockpit with the exception's message and stack trace; every other failure goes to
 * the engine's own handling (the model's {@code camunda:failedJobRetryTimeCycle}). So a Credly 401 is an incident
 * right away, while a Credly 503 or an SMTP server that is down keeps its back-off.
 *
 * <p>Cockpit's "Increment Number of Retries" (engine REST {@code PUT /job/{id}/retries}) works as for any incident:
 * the job runs again; a success ends the incident, a permanent failure raises it again at once, and another failure
 * counts down the retries given (the engine then no longer starts the model's cycle over, as for any job that has
 * failed before). Installed in {@code postInit}, wrapping whatever factory the engine and the Spring Boot starter
 * configured, since the starter sets its own in {@code preInit}.
 */
public class NonRetryableJobFailures extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NonRetryableJobFailures.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory engines = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, failure) -> permanent(failure)
        ? new NoRetriesLeft(jobId, failure) : engines.getCommand(jobId, failure));
  }

  /** Whether the failure or one of its causes (suppressed ones aside) is a permanent {@link NonRetryable}. */
  static boolean permanent(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof NonRetryable marked && marked.nonRetryable()) {
        return true;
      }
    }
    return false;
  }

  /** As the engine's standard strategy, but to zero retries: unlock, keep the exception, raise the incident. */
  static final class NoRetriesLeft extends JobRetryCmd implements Command<Object> {

    NoRetriesLeft(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return null; // gone meanwhile (the instance was cancelled): nothing to mark
      }
      job.unlock();
      logException(job); // first: the incident takes the job's exception message
      job.setRetries(0);
      notifyAcquisition(commandContext);
      LOG.warn("Job {} of activity {} failed for good, no retry: {}", job.getId(), job.getActivityId(),
          exception.getClass().getSimpleName());
      return null;
    }
  }
}
