package org.namss.recert.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

/**
 * Gives a Spring test context a PostgreSQL database of its own on the server at 127.0.0.1:5432 (trust auth,
 * user postgres): created with a fresh name when the context starts, dropped when it closes. Test classes that
 * use it are enabled by {@link #available()}; with {@code RECERT_REQUIRE_POSTGRES=true} (CI) a missing server
 * fails them instead.
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String HOST = System.getenv().getOrDefault("RECERT_TEST_PG_HOST", "127.0.0.1");
  static final String PORT = System.getenv().getOrDefault("RECERT_TEST_PG_PORT", "5432");
  static final String USER = System.getenv().getOrDefault("RECERT_TEST_PG_USER", "postgres");

  private static Boolean available;

  /** Whether the tests against PostgreSQL run: the server answers, or CI requires them (then they fail). */
  public static synchronized boolean available() {
    if (available == null) {
      available = "true".equalsIgnoreCase(System.getenv("RECERT_REQUIRE_POSTGRES")) || reachable();
    }
    return available;
  }

  private static boolean reachable() {
    try (Connection ignored = DriverManager.getConnection(url("postgres"), USER, "")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String database = "recert_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("create database " + database);
    TestPropertyValues.of(
        "spring.datasource.url=" + url(database),
        "spring.datasource.username=" + USER,
        "spring.datasource.password=",
        "spring.datasource.driver-class-name=org.postgresql.Driver",
        "spring.flyway.placeholders.binary_type=bytea").applyTo(context);
    // Dropped after the context has closed its connection pool, job executor and engine: a bean the data source
    // depends on is destroyed after it. (Dropping on ContextClosedEvent, before they close, left the pool trying to
    // reconnect to a database that was gone, and the test JVM's exit waiting on it.)
    Dropper dropper = new Dropper(database);
    context.addBeanFactoryPostProcessor(beanFactory -> {
      beanFactory.registerSingleton(DROPPER, dropper);
      ((DefaultListableBeanFactory) beanFactory).registerDisposableBean(DROPPER, dropper);
      BeanDefinition dataSource = beanFactory.getBeanDefinition("dataSource"); // Spring Boot's, Hikari
      dataSource.setDependsOn(StringUtils.addStringToArray(dataSource.getDependsOn(), DROPPER));
    });
  }

  static final String DROPPER = "postgresTestDatabaseDropper";

  /** Drops the test's database when destroyed, which is after the data source (that depends on it). */
  record Dropper(String database) implements DisposableBean {
    @Override
    public void destroy() {
      execute("drop database if exists " + database + " with (force)");
    }
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " refused: " + sql, e);
    }
  }
}
