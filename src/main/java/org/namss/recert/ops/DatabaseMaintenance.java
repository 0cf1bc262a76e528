package org.namss.recert.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Warns at start when the database is PostgreSQL and its autovacuum is off. The engine's runtime tables are rewritten
 * all the time (every job, execution and variable is inserted, updated and deleted within days), and PostgreSQL keeps
 * each old row version until a vacuum frees it: without autovacuum a 10,000-certificant season left {@code ACT_RU_JOB}
 * with 128,318 dead rows against 7,490 live ones, and each job acquisition took 200 ms (docs/operations.md,
 * docs/performance.md). The setting is the server's ({@code postgresql.conf}); the application
 * does not change it.
 */
public class DatabaseMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMaintenance.class);

  private final DataSource dataSource;

  public DatabaseMaintenance(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void checkAutovacuum() {
    try {
      if (autovacuumOff(dataSource)) {
        LOG.warn("PostgreSQL's autovacuum is off on this server: the engine's job, execution and variable tables will "
            + "fill with dead rows and every job acquisition will slow down. Turn it on (autovacuum = on in "
            + "postgresql.conf, the default) or vacuum those tables on a schedule (docs/operations.md).");
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not read PostgreSQL's autovacuum setting: {}", e.getMessage());
    }
  }

  /** Whether the database is PostgreSQL with {@code autovacuum} off; false for any other database. */
  public static boolean autovacuumOff(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        return false;
      }
      try (Statement statement = connection.createStatement();
          ResultSet setting = statement.executeQuery("select setting from pg_settings where name = 'autovacuum'")) {
        return setting.next() && "off".equals(setting.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the database's autovacuum setting", e);
    }
  }
}
