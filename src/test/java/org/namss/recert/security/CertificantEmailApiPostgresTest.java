package org.namss.recert.security;

import org.namss.recert.support.PostgresTest;

/** {@link CertificantEmailApiTest} against the real PostgreSQL server. */
@PostgresTest
class CertificantEmailApiPostgresTest extends CertificantEmailApiTest {}
