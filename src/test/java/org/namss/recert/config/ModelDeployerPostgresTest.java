package org.namss.recert.config;

import org.namss.recert.support.PostgresTest;

/** {@link ModelDeployerTest} on an engine whose database is a fresh PostgreSQL one. */
@PostgresTest
class ModelDeployerPostgresTest extends ModelDeployerTest {

  @Override
  protected TestEngines.Database database() {
    return TestEngines.postgres();
  }
}
