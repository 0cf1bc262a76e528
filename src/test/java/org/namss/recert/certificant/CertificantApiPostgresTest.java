package org.namss.recert.certificant;

import org.namss.recert.support.PostgresTest;

/** {@link CertificantApiTest} against the real PostgreSQL server. */
@PostgresTest
class CertificantApiPostgresTest extends CertificantApiTest {}
