package org.namss.recert.ops;

import org.namss.recert.support.PostgresTest;

/** {@link DatabaseMaintenanceTest} on PostgreSQL, where the check reads the server's setting. */
@PostgresTest
class DatabaseMaintenancePostgresTest extends DatabaseMaintenanceTest {

  @Override
  boolean isPostgres() {
    return true;
  }
}
