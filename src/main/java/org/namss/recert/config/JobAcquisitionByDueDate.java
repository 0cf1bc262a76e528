package org.namss.recert.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job acquisition that does not read the year's timers each time it looks for work.
 *
 * <p>Each renewal keeps timer jobs in ACT_RU_JOB for months (the lapse date, the completion and review deadlines).
 * The engine's acquisition query, by default unordered and with {@code DUEDATE_ is null or DUEDATE_ <= now}, cannot
 * use an index, so every acquisition scanned past all of them: at 50,000 certificants job acquisition took a quarter
 * of the CPU, and the cycle opening 12.7 minutes (docs/performance.md). With {@code ensureJobDueDateNotNull} every
 * job gets a due date (asynchronous continuations: the time they were created) and the query's condition becomes
 * {@code DUEDATE_ <= now}; {@code jobExecutorAcquireByDueDate} orders by it; with an index on {@code DUEDATE_} the
 * query reads only the jobs that are due, oldest first. Both flags are set in application.yaml.
 *
 * <p>That query never finds a job without a due date, so:
 * <ul>
 *   <li>{@link EngineIndexes} adds the index at start (the engine's own schema has none on that column), and on
 *       PostgreSQL one of the locked jobs by process instance, which the query's check for exclusive jobs reads;</li>
 *   <li>{@link #dateUndatedJobs} gives any job without a due date its creation time: at start (jobs written before
 *       the change), and then every minute ({@link UndatedJobSweep}: a node of the earlier version still running in
 *       a cluster, a job an operator activated after history cleanup had suspended it);</li>
 *   <li>the engine's {@code setJobDuedate(id, null)} (REST {@code PUT /job/{id}/duedate} with {@code null}, which
 *       operators use for "run it now") does not honour {@code ensureJobDueDateNotNull} in Camunda 7.24, unlike
 *       {@code setJobRetries}; {@link DueNowInsteadOfNull} gives such a job the current time instead, in the same
 *       transaction.</li>
 * </ul>
 */
final class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new DueNowInsteadOfNull());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (configuration.isEnsureJobDueDateNotNull()) {
      dateUndatedJobs(configuration.getDataSource(), table(configuration));
    }
  }

  static String table(ProcessEngineConfigurationImpl configuration) {
    return configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
  }

  /**
   * Gives every job without a due date its creation time (the jobs the acquisition query would never find), and a
   * new revision, so that a node holding such a job fails its update and reads it again. The index finds them.
   *
   * @return how many jobs were dated
   */
  static int dateUndatedJobs(DataSource dataSource, String table) {
    try (Connection connection = EngineIndexes.unwrapped(dataSource).getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      int dated = statement.executeUpdate("update " + table
          + " set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp), REV_ = REV_ + 1 where DUEDATE_ is null");
      if (dated > 0) {
        LOG.warn("{} job(s) had no due date, which job acquisition by due date never finds; each is now due at its"
            + " creation time", dated);
      }
      return dated;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not date the jobs without a due date in " + table, e);
    }
  }

  /** After {@code setJobDuedate(id, null)}: the job is due now, which is what a null due date meant before. */
  static final class DueNowInsteadOfNull extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      if (command instanceof SetJobDuedateCmd) {
        CommandContext context = Context.getCommandContext();
        if (context.getProcessEngineConfiguration().isEnsureJobDueDateNotNull()) {
          // by the cache key of all jobs: getCachedEntitiesByType(JobEntity.class) finds no timer or message in 7.24,
          // as it tests the class of the cache entry instead of the entity's
          for (AcquirableJobEntity cached : context.getDbEntityManager()
              .getCachedEntitiesByType(AcquirableJobEntity.class)) {
            if (cached instanceof JobEntity job && job.getDuedate() == null) {
              job.setDuedate(ClockUtil.getCurrentTime());
            }
          }
        }
      }
      return result;
    }
  }
}
