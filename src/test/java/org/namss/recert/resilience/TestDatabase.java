package org.namss.recert.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The one database the application nodes of a test share, fresh for the test and removed afterwards. */
abstract class TestDatabase implements AutoCloseable {

  /** Spring properties that point a node at this database. */
  abstract Map<String, String> properties();

  /** A connection for seeding and checking, from the test JVM. */
  abstract Connection connect() throws SQLException;

  @Override
  public abstract void close();

  /**
   * H2 in file mode in a temporary directory, the embedded default's storage. AUTO_SERVER lets the test JVM read
   * it while a node has it open (the node serves it over TCP); after a SIGKILL the next node takes the file over.
   */
  static TestDatabase h2File() {
    return new TestDatabase() {
      private final Path dir = createTempDir();
      private final String url = "jdbc:h2:file:" + dir.resolve("recertification").toAbsolutePath()
          + ";AUTO_SERVER=TRUE;WRITE_DELAY=1";

      @Override
      Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", url);
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        return p;
      }

      @Override
      Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
      }

      @Override
      public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          // a temporary directory: left for the OS
        }
      }
    };
  }

  /**
   * A fresh PostgreSQL database on the server the PostgreSQL tests use (see support/PostgresDatabase), created
   * now and dropped (with its connections) on close. The nodes run with the {@code postgres} profile.
   */
  static TestDatabase postgres() {
    String host = System.getenv().getOrDefault("RECERT_TEST_PG_HOST", "127.0.0.1");
    String port = System.getenv().getOrDefault("RECERT_TEST_PG_PORT", "5432");
    String user = System.getenv().getOrDefault("RECERT_TEST_PG_USER", "postgres");
    String server = "jdbc:postgresql://" + host + ":" + port + "/";
    String database = "recert_resilience_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server + "postgres", user, "create database " + database);
    return new TestDatabase() {
      @Override
      Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.profiles.active", "postgres");
        p.put("spring.datasource.url", server + database);
        p.put("spring.datasource.username", user);
        p.put("spring.datasource.password", "");
        p.put("spring.flyway.placeholders.binary_type", "bytea");
        return p;
      }

      @Override
      Connection connect() throws SQLException {
        return DriverManager.getConnection(server + database, user, "");
      }

      @Override
      public void close() {
        execute(server + "postgres", user, "drop database if exists " + database + " with (force)");
      }
    };
  }

  private static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("recert-resilience-h2");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
