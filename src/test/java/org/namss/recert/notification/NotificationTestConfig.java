package org.namss.recert.notification;

import org.namss.recert.config.RecertProperties;
import org.namss.recert.config.TimeSource;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The notification package alone on a JPA slice (Flyway on in-memory H2): its entity, repository, services and
 * Spring Boot's mail sender. Deliberately not a {@code @Configuration}, so that no component scan picks it up.
 */
@EntityScan(basePackageClasses = MailMessage.class)
@EnableJpaRepositories(basePackageClasses = MailMessageRepository.class)
@EnableConfigurationProperties({NotificationProperties.class, RecertProperties.class})
@ImportAutoConfiguration(MailSenderAutoConfiguration.class)
@Import({Notifier.class, MailRenderer.class, TimeSource.class, OutboxController.class})
class NotificationTestConfig {}
