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
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
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
 * job gets a due date (asynchronous continuations: the time they were created), with
 * {@code jobExecutorAcquireByDueDate} the query becomes {@code DUEDATE_ <= now} ordered by it, and with an index on
 * {@code DUEDATE_} it reads only the jobs that are due, oldest first. Both flags are set in application.yaml.
 *
 * <p>That query never finds a job without a due date, so this plugin makes sure there is none:
 * <ul>
 *   <li>at every start it adds the index (the engine's own schema has none on that column) and gives jobs written
 *       before the change their creation time as due date; on PostgreSQL it also indexes the locked jobs by process
 *       instance, which the query's check for exclusive jobs reads;</li>
 *   <li>the engine's {@code setJobDuedate(id, null)} (REST {@code PUT /job/{id}/duedate} with {@code null}, which
 *       operators use for "run it now") does not honour {@code ensureJobDueDateNotNull} in Camunda 7.24, unlike
 *       {@code setJobRetries}; a command interceptor gives such a job the current time instead, in the same
 *       transaction.</li>
 * </ul>
 */
final class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  static final String INDEX = "RECERT_IDX_JOB_DUEDATE";
  static final String LOCKED_INDEX = "RECERT_IDX_JOB_LOCKED";
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
    if (!configuration.isEnsureJobDueDateNotNull()) {
      return; // the engine's default acquisition: nothing to add
    }
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
    DataSource dataSource = configuration.getDataSource();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      // H2 and PostgreSQL both know IF NOT EXISTS; the name is ours, so an engine upgrade cannot collide with it
      statement.execute("create index if not exists " + INDEX + " on " + table + " (DUEDATE_)");
      if ("postgres".equals(configuration.getDatabaseType())) {
        // PostgreSQL answers the query's "no other job of this instance is locked" by reading every job once per
        // acquisition (a hashed subplan): 12 ms at 150,000 jobs, 0.4 ms through this index of the locked few
        statement.execute("create index if not exists " + LOCKED_INDEX + " on " + table
            + " (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null");
      }
      // a new revision, so that a node holding such a job fails its update and reads it again
      int dated = statement.executeUpdate("update " + table
          + " set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp), REV_ = REV_ + 1 where DUEDATE_ is null");
      if (dated > 0) {
        LOG.info("{} job(s) without a due date got their creation time as due date", dated);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare " + table + " for job acquisition by due date", e);
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
          // not getCachedEntitiesByType(JobEntity.class): in 7.24 it tests the cache entry's class, not the entity's,
          // and finds no timer or message
          for (CachedDbEntity cached : context.getDbEntityManager().getDbEntityCache().getCachedEntities()) {
            if (cached.getEntity() instanceof JobEntity job && job.getDuedate() == null) {
              job.setDuedate(ClockUtil.getCurrentTime());
            }
          }
        }
      }
      return result;
    }
  }
}
