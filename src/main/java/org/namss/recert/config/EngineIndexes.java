package org.namss.recert.config;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Indexes that the engine's own queries need and Camunda 7.24's schema does not have (docs/performance.md,
 * docs/operations.md); without them those queries read a whole table, so their cost grows with the number of open
 * renewals:
 * <ul>
 *   <li>{@value #JOB_DUEDATE} on {@code ACT_RU_JOB(DUEDATE_)}: job acquisition by due date
 *       ({@link JobAcquisitionByDueDate}; only when {@code ensureJobDueDateNotNull} is on);</li>
 *   <li>{@value #JOB_LOCKED}, PostgreSQL only, a partial index of the locked jobs by process instance: the
 *       acquisition's "no other job of this instance is locked" check, which PostgreSQL otherwise answers by reading
 *       every job once per acquisition (12 ms at 150,000 jobs, 0.4 ms with it);</li>
 *   <li>{@value #TASK_PARENT} on {@code ACT_RU_TASK(PARENT_TASK_ID_)}: each task the engine deletes, completed or
 *       cancelled by a boundary event, first looks up its sub-tasks by that column.</li>
 * </ul>
 * Each is looked up before any DDL, as PostgreSQL's {@code create index if not exists} would lock the table against
 * writes at every start before it finds the index; if another node creates it at the same moment, this one's
 * statement fails and the index is there all the same. On a database other than H2 and PostgreSQL the statements
 * are logged for a DBA and the schema is left alone.
 */
final class EngineIndexes extends AbstractProcessEnginePlugin {

  static final String JOB_DUEDATE = "RECERT_IDX_JOB_DUEDATE";
  static final String JOB_LOCKED = "RECERT_IDX_JOB_LOCKED";
  static final String TASK_PARENT = "RECERT_IDX_TASK_PARENT";
  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  private ProcessEngineConfigurationImpl configuration;

  private record Index(String name, String table, String ddl) {}

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    String prefix = configuration.getDatabaseTablePrefix();
    String type = configuration.getDatabaseType();
    String jobs = prefix + "ACT_RU_JOB";
    String tasks = prefix + "ACT_RU_TASK";
    List<Index> indexes = new ArrayList<>();
    if (configuration.isEnsureJobDueDateNotNull()) {
      indexes.add(new Index(JOB_DUEDATE, jobs, "create index " + JOB_DUEDATE + " on " + jobs + " (DUEDATE_)"));
      if ("postgres".equals(type)) {
        indexes.add(new Index(JOB_LOCKED, jobs, "create index " + JOB_LOCKED + " on " + jobs
            + " (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null"));
      }
    }
    indexes.add(new Index(TASK_PARENT, tasks, "create index " + TASK_PARENT + " on " + tasks + " (PARENT_TASK_ID_)"));
    if (!"postgres".equals(type) && !"h2".equals(type)) {
      indexes.forEach(index -> LOG.warn("The engine's queries need an index its schema lacks; on {} create it "
          + "yourself: {}", type, index.ddl()));
      return;
    }
    try (Connection connection = unwrapped(configuration.getDataSource()).getConnection()) {
      connection.setAutoCommit(true);
      for (Index index : indexes) {
        createUnlessThere(connection, index);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the engine's indexes", e);
    }
  }

  private static void createUnlessThere(Connection connection, Index index) {
    try {
      if (exists(connection, index.table(), index.name())) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(index.ddl());
        LOG.info("Created index {} on {}", index.name(), index.table());
      } catch (SQLException e) {
        if (!exists(connection, index.table(), index.name())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create index " + index.name() + " on " + index.table(), e);
    }
  }

  static boolean exists(Connection connection, String table, String name) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String stored = metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    try (ResultSet indexes = metaData.getIndexInfo(null, null, stored, false, false)) {
      while (indexes.next()) {
        if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The pool itself rather than Spring's transaction-aware proxy: these statements commit on their own. */
  static DataSource unwrapped(DataSource dataSource) {
    DataSource current = dataSource;
    while (current instanceof DelegatingDataSource delegating && delegating.getTargetDataSource() != null) {
      current = delegating.getTargetDataSource();
    }
    return current;
  }
}
