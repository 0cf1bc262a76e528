package org.namss.recert.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of outgoing mail ({@code recert.mail.*}). Where mail goes is decided by {@code spring.mail.host}
 * (from SMTP_HOST): set, it is sent through SMTP; empty, it stays in the outbox for staff.
 *
 * @param from the sender address (not a secret)
 * @param fromName the sender's display name
 * @param team how the messages are signed
 * @param connections how SMTP connections are kept open between messages ({@link SmtpConnections})
 */
@ConfigurationProperties("recert.mail")
public record NotificationProperties(
    @DefaultValue("certification@example.org") String from,
    @DefaultValue("Certification Team") String fromName,
    @DefaultValue("The Certification Team") String team,
    @DefaultValue Connections connections) {

  /**
   * SMTP connections kept open between messages ({@code recert.mail.connections.*}).
   *
   * @param max at most this many open at once; a message beyond them waits for one (up to the connect timeout). 0
   *     keeps none open: each message on a connection of its own, as Spring's JavaMailSenderImpl sends
   * @param messagesPerConnection a connection is closed after this many messages (servers limit a session's)
   * @param idleTimeout a connection unused this long is closed
   * @param checkAfter a connection unused this long is checked with NOOP before it carries a message
   */
  public record Connections(
      @DefaultValue("10") int max,
      @DefaultValue("100") int messagesPerConnection,
      @DefaultValue("30s") Duration idleTimeout,
      @DefaultValue("2s") Duration checkAfter) {

    public Connections {
      if (max < 0 || messagesPerConnection < 1) {
        throw new IllegalArgumentException("recert.mail.connections.max must be 0 or more and"
            + " .messages-per-connection at least 1");
      }
      if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero() || checkAfter == null
          || checkAfter.isNegative()) {
        throw new IllegalArgumentException("recert.mail.connections.idle-timeout must be positive and"
            + " .check-after not negative");
      }
    }
  }
}
