package org.namss.recert.config;

import ch.qos.logback.classic.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.slf4j.LoggerFactory;

/**
 * Engines without Spring for the engine-level tests of start-up code (model deployment, identity bootstrap):
 * each on a database of its own, configured like application.yaml (history time to live, authorizations on).
 * Building a second engine on the same database is a restart.
 */
public final class TestEngines {

  static final String PG = "jdbc:postgresql://" + System.getenv().getOrDefault("RECERT_TEST_PG_HOST", "127.0.0.1")
      + ":" + System.getenv().getOrDefault("RECERT_TEST_PG_PORT", "5432") + "/";
  static final String PG_USER = System.getenv().getOrDefault("RECERT_TEST_PG_USER", "postgres");

  private TestEngines() {}

  /** A database for one test: an H2 in-memory one, or a fresh PostgreSQL database (dropped by {@link #drop}). */
  public record Database(String url, String user, String driver, String name) {}

  public static Database h2() {
    return new Database("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "org.h2.Driver",
        null);
  }

  public static Database postgres() {
    String name = "recert_engine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    pg("create database " + name);
    return new Database(PG + name, PG_USER, "org.postgresql.Driver", name);
  }

  public static void drop(Database database) {
    if (database != null && database.name() != null) {
      pg("drop database if exists " + database.name() + " with (force)");
    }
  }

  private static void pg(String sql) {
    try (Connection c = DriverManager.getConnection(PG + "postgres", PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static ProcessEngine start(Database database) {
    quietLogs();
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("test-" + UUID.randomUUID());
    configuration.setJdbcUrl(database.url());
    configuration.setJdbcUsername(database.user());
    configuration.setJdbcPassword("");
    configuration.setJdbcDriver(database.driver());
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setJobExecutorActivate(false);
    configuration.setAuthorizationEnabled(true);
    configuration.setHistoryTimeToLive("P180D");
    configuration.setDbMetricsReporterActivate(false);
    return configuration.buildProcessEngine();
  }

  /** Without Spring Boot's logging set-up logback logs everything at DEBUG; INFO is what production shows. */
  static void quietLogs() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root
        && (root.getLevel() == null || root.getLevel().toInt() < Level.INFO.toInt())) {
      root.setLevel(Level.INFO);
    }
  }
}
