package org.namss.recert.api;

import org.namss.recert.support.PostgresTest;

/** {@link HostileInputApiTest} against the real PostgreSQL server. */
@PostgresTest
class HostileInputApiPostgresTest extends HostileInputApiTest {}
