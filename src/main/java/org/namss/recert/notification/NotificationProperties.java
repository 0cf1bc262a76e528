package org.namss.recert.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of outgoing mail ({@code recert.mail.*}). Where mail goes is decided by {@code spring.mail.host}
 * (from SMTP_HOST): set, it is sent through SMTP; empty, it stays in the outbox for staff.
 *
 * @param from the sender address (not a secret)
 * @param fromName the sender's display name
 * @param team how the messages are signed
 */
@ConfigurationProperties("recert.mail")
public record NotificationProperties(
    @DefaultValue("certification@example.org") String from,
    @DefaultValue("Certification Team") String fromName,
    @DefaultValue("The Certification Team") String team) {}
