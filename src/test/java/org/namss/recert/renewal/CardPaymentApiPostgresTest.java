package org.namss.recert.renewal;

import org.namss.recert.support.PostgresTest;

/** {@link CardPaymentApiTest} against the real PostgreSQL server. */
@PostgresTest
class CardPaymentApiPostgresTest extends CardPaymentApiTest {}
