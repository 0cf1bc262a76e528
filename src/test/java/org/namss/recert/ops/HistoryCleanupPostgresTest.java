package org.namss.recert.ops;

import org.namss.recert.support.PostgresTest;

/** {@link HistoryCleanupTest} on PostgreSQL: the clean-up job's removal-time deletes run there in production. */
@PostgresTest
class HistoryCleanupPostgresTest extends HistoryCleanupTest {}
