package org.namss.recert.security;

import org.namss.recert.config.TestEngines;
import org.namss.recert.support.PostgresTest;

/** {@link IdentitySetupTest} on engines whose databases are fresh PostgreSQL ones. */
@PostgresTest
class IdentitySetupPostgresTest extends IdentitySetupTest {

  @Override
  protected TestEngines.Database database() {
    return TestEngines.postgres();
  }
}
