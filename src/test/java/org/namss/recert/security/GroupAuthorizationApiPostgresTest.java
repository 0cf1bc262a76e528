package org.namss.recert.security;

import org.namss.recert.support.PostgresTest;

/** {@link GroupAuthorizationApiTest} against the real PostgreSQL server. */
@PostgresTest
class GroupAuthorizationApiPostgresTest extends GroupAuthorizationApiTest {}
