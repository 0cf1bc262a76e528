package org.namss.recert.ce;

import org.namss.recert.support.PostgresTest;

/** {@link CeApiTest} against the real PostgreSQL server (bytea certificates, numeric credits). */
@PostgresTest
class CeApiPostgresTest extends CeApiTest {}
