package org.namss.recert.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.namss.recert.ops.DatabaseMaintenance;

/**
 * Stands in, on a PostgreSQL server whose autovacuum is off, for autovacuum with PostgreSQL's default settings, in a
 * simplified form: once a minute ({@code autovacuum_naptime}) it vacuums each table with more than 50 + 20 % of its
 * live rows dead ({@code autovacuum_vacuum_threshold} and {@code _scale_factor}) and analyzes each other table with more
 * than 50 + 10 % changed since its last analysis ({@code autovacuum_analyze_threshold} and {@code _scale_factor}). It
 * counts live rows from the statistics ({@code n_live_tup}, where autovacuum uses {@code reltuples}) and leaves out
 * the vacuum that inserts alone trigger since PostgreSQL 13.
 *
 * <p>The CI machines' server runs with {@code autovacuum = off}. Without it the engine's runtime tables keep every
 * row version the season ever wrote: at 10,000 certificants {@code ACT_RU_JOB} held 128,318 dead rows against 7,490
 * live ones, and every job acquisition read all of them through the due-date index (200 ms each), so the season slowed
 * as it went; no production server runs like that (docs/performance.md, docs/operations.md). The work is done on a
 * thread of its own while the season runs, as autovacuum's workers would, and its time is reported; it is not
 * throttled as autovacuum's cost delay would throttle it.
 */
final class AutovacuumStandIn implements AutoCloseable {

  private static final long NAPTIME_SECONDS = 60;

  private final DataSource dataSource;
  private final ScheduledExecutorService executor;
  private final AtomicLong vacuums = new AtomicLong();
  private final AtomicLong analyses = new AtomicLong();
  private final AtomicLong millis = new AtomicLong();
  private volatile RuntimeException failure;

  private AutovacuumStandIn(DataSource dataSource) {
    this.dataSource = dataSource;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "autovacuum-stand-in");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::round, NAPTIME_SECONDS, NAPTIME_SECONDS, TimeUnit.SECONDS);
  }

  /** A stand-in when the database is PostgreSQL with autovacuum off; otherwise none (empty report line). */
  static AutovacuumStandIn startIfNeeded(DataSource dataSource) {
    return DatabaseMaintenance.autovacuumOff(dataSource) ? new AutovacuumStandIn(dataSource) : null;
  }

  /** One round: what autovacuum's launcher would hand its workers at this moment. */
  void round() {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
      List<String> vacuum = new ArrayList<>();
      List<String> analyze = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet tables = statement.executeQuery("select quote_ident(schemaname) || '.' || quote_ident(relname),"
              + " n_dead_tup > 50 + 0.2 * n_live_tup, n_mod_since_analyze > 50 + 0.1 * n_live_tup"
              + " from pg_stat_user_tables")) {
        while (tables.next()) {
          if (tables.getBoolean(2)) {
            vacuum.add(tables.getString(1));
          } else if (tables.getBoolean(3)) {
            analyze.add(tables.getString(1));
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String table : vacuum) {
          statement.execute("vacuum (analyze) " + table);
        }
        for (String table : analyze) {
          statement.execute("analyze " + table);
        }
      }
      vacuums.addAndGet(vacuum.size());
      analyses.addAndGet(analyze.size());
    } catch (SQLException | RuntimeException e) {
      failure = new IllegalStateException("The autovacuum stand-in failed", e);
    } finally {
      millis.addAndGet((System.nanoTime() - start) / 1_000_000);
    }
  }

  /** A line for the report: what the stand-in did. */
  String report() {
    return "PostgreSQL's autovacuum is off on this server: a stand-in vacuumed as autovacuum would with the default "
        + "thresholds, once a minute on a thread of its own beside the runs (" + vacuums.get() + " tables vacuumed "
        + "and analyzed, " + analyses.get() + " more analyzed only, " + SeasonReport.fmt(millis.get() / 1000.0)
        + " s in all, warm-up included).";
  }

  /**
   * Stops the rounds, letting one in progress finish (an interrupt could fail it while it waits for a connection);
   * fails when one failed, since the figures would then be those of an unvacuumed server.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
