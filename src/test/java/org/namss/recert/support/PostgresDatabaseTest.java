package org.namss.recert.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The test database lives as long as the context: created on start, dropped when the context closes, and only after
 * its connection pool has closed (dropping it under an open pool left the pool reconnecting to a database that was
 * gone while the test JVM waited to exit).
 */
@EnabledIf("org.namss.recert.support.PostgresDatabase#available")
class PostgresDatabaseTest {

  @Test
  void theDatabaseIsDroppedAfterThePoolHasClosed() throws SQLException {
    List<String> events = new ArrayList<>();
    GenericApplicationContext context = new GenericApplicationContext();
    new PostgresDatabase().initialize(context);
    context.registerBean("dataSource", DataSource.class, () -> {
      Environment environment = context.getEnvironment();
      HikariDataSource pool = new HikariDataSource() {
        @Override
        public void close() {
          events.add("pool closed; database exists: " + exists(databaseName(environment)));
          super.close();
        }
      };
      pool.setJdbcUrl(environment.getProperty("spring.datasource.url"));
      pool.setUsername(environment.getProperty("spring.datasource.username"));
      return pool;
    });
    context.refresh();
    String database = databaseName(context.getEnvironment());
    try (Connection connection = context.getBean(DataSource.class).getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThat(exists(database)).isTrue();

    context.close();

    assertThat(events).containsExactly("pool closed; database exists: true");
    assertThat(exists(database)).as("dropped when the context closed").isFalse();
  }

  private static String databaseName(Environment environment) {
    String url = environment.getProperty("spring.datasource.url");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static boolean exists(String database) {
    try (Connection connection = DriverManager.getConnection(PostgresDatabase.url("postgres"), PostgresDatabase.USER,
        "");
        PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
