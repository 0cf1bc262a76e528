package org.namss.recert.badge;

import org.namss.recert.config.RecertProperties;
import org.namss.recert.config.TimeSource;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The badge package alone on a JPA slice (Flyway on in-memory H2). Deliberately not a {@code @Configuration}, so
 * that no component scan picks it up.
 */
@EntityScan(basePackageClasses = BadgeIssuance.class)
@EnableJpaRepositories(basePackageClasses = BadgeIssuanceRepository.class)
@EnableConfigurationProperties({CredlyProperties.class, RecertProperties.class})
@Import({BadgeService.class, TimeSource.class, BadgeController.class})
class BadgeTestConfig {}
