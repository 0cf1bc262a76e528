package org.namss.recert.billing;

import org.namss.recert.support.PostgresTest;

/** {@link PaymentSearchApiTest} against the real PostgreSQL server. */
@PostgresTest
class PaymentSearchApiPostgresTest extends PaymentSearchApiTest {}
