package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@link DatabaseMaintenance} against a database that says what it is and what its autovacuum setting is, so that
 * both answers are checked whatever the PostgreSQL server of the machine is set to.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseMaintenanceUnitTest {

  @ParameterizedTest(name = "autovacuum {0}: warned {1}")
  @CsvSource({"off, true", "on, false"})
  void postgresIsWarnedAboutExactlyWhenItsAutovacuumIsOff(String autovacuum, boolean warned, CapturedOutput output)
      throws SQLException {
    DataSource database = database("PostgreSQL", autovacuum);

    new DatabaseMaintenance(database).checkAutovacuum();

    assertThat(DatabaseMaintenance.autovacuumOff(database)).isEqualTo(warned);
    assertThat(output.getOut().contains(DatabaseMaintenanceTest.WARNING)).isEqualTo(warned);
  }

  @Test
  void otherDatabasesAreNotAsked(CapturedOutput output) throws SQLException {
    DataSource database = database("H2", "off");

    new DatabaseMaintenance(database).checkAutovacuum();

    assertThat(DatabaseMaintenance.autovacuumOff(database)).isFalse();
    verify(database.getConnection(), never()).createStatement();
    assertThat(output.getOut()).doesNotContain(DatabaseMaintenanceTest.WARNING);
  }

  private static DataSource database(String product, String autovacuum) throws SQLException {
    DataSource dataSource = mock(DataSource.class);
    Connection connection = mock(Connection.class);
    DatabaseMetaData metaData = mock(DatabaseMetaData.class);
    Statement statement = mock(Statement.class);
    ResultSet setting = mock(ResultSet.class);
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.getMetaData()).thenReturn(metaData);
    when(metaData.getDatabaseProductName()).thenReturn(product);
    when(connection.createStatement()).thenReturn(statement);
    when(statement.executeQuery(anyString())).thenReturn(setting);
    when(setting.next()).thenReturn(true);
    when(setting.getString(1)).thenReturn(autovacuum);
    return dataSource;
  }
}
