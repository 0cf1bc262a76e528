package org.namss.recert.config;

import org.namss.recert.support.PostgresTest;

/** {@link EngineConfigurationTest} on PostgreSQL: the acquisition's indexes (the partial one only there), the ids. */
@PostgresTest
class EngineConfigurationPostgresTest extends EngineConfigurationTest {}
