package org.namss.recert.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs an {@link ApplicationTest} against the PostgreSQL server on 127.0.0.1:5432 with the {@code postgres}
 * profile, in a database of its own created for the run and dropped afterwards. Name such classes
 * {@code *PostgresTest}: CI checks that they ran.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = PostgresDatabase.class)
@EnabledIf("org.namss.recert.support.PostgresDatabase#available")
public @interface PostgresTest {}
