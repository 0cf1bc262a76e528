package org.namss.recert.ops;

import org.namss.recert.support.PostgresTest;

/** {@link EngineMetricsApiTest} on PostgreSQL, the production and cluster database (meter log sums, counts). */
@PostgresTest
class EngineMetricsPostgresTest extends EngineMetricsApiTest {}
