package org.namss.recert.resilience;

import org.junit.jupiter.api.condition.EnabledIf;

/** {@link CrashRecoveryTest} on PostgreSQL: a fresh database created and dropped for the run. */
@EnabledIf("org.namss.recert.support.PostgresDatabase#available")
class CrashRecoveryPostgresTest extends CrashRecoveryTest {

  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  /** A PostgreSQL commit is on disk when it returns: only the one message per job thread SMTP cannot rule out. */
  @Override
  int messagesInDoubtAllowed() {
    return 2;
  }
}
