package org.namss.recert.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job acquisition that does not read the year's timers each time it looks for work.
 *
 * <p>Each renewal keeps timer jobs in ACT_RU_JOB for months (the lapse date, the completion and review deadlines).
 * The engine's acquisition query, by default unordered and with {@code DUEDATE_ is null or DUEDATE_ <= now}, cannot
 * use an index, so every acquisition scanned past all of them: at 50,000 certificants job acquisition took a quarter
 * of the CPU, and the cycle opening 12.7 minutes instead of 5 (docs/performance.md). With
 * {@code ensureJobDueDateNotNull} every job gets a due date (asynchronous continuations: the time they were created),
 * with {@code jobExecutorAcquireByDueDate} the query orders by it, and with an index on {@code DUEDATE_} it reads only
 * the jobs that are due, oldest first. Both flags are set in application.yaml; this plugin adds the index (the engine's
 * own schema has none on that column) and gives jobs written before the change, which have no due date and the
 * changed query would never find, their creation time.
 */
final class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  static final String INDEX = "RECERT_IDX_JOB_DUEDATE";
  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);

  private ProcessEngineConfigurationImpl configuration;

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
      int dated = statement.executeUpdate("update " + table
          + " set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) where DUEDATE_ is null");
      if (dated > 0) {
        LOG.info("{} job(s) written before acquisition by due date got their creation time as due date", dated);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare " + table + " for job acquisition by due date", e);
    }
  }
}
