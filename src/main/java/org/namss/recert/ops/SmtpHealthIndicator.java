package org.namss.recert.ops;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Health component {@code smtp}. With an SMTP host (SMTP_HOST) it connects to the server (and logs in when a user
 * is configured), exactly as sending would: DOWN when that fails, so mail jobs would fail and retry. Without one
 * the product is in outbox mode by design: UP with detail {@code mode: outbox mode}; mail waits in the outbox
 * for staff ({@code GET /api/outbox}).
 */
public class SmtpHealthIndicator extends AbstractHealthIndicator {

  static final String OUTBOX_MODE = "outbox mode";

  private final BooleanSupplier configured;
  private final Supplier<JavaMailSender> sender;

  public SmtpHealthIndicator(BooleanSupplier configured, Supplier<JavaMailSender> sender) {
    super("SMTP server not reachable");
    this.configured = configured;
    this.sender = sender;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    if (!configured.getAsBoolean()) {
      builder.up().withDetail("mode", OUTBOX_MODE);
      return;
    }
    JavaMailSender mail = sender.get();
    if (!(mail instanceof JavaMailSenderImpl smtp)) {
      builder.unknown().withDetail("mode", "smtp").withDetail("reason", "no SMTP mail sender configured");
      return;
    }
    builder.withDetail("mode", "smtp").withDetail("host", smtp.getHost()).withDetail("port", smtp.getPort());
    smtp.testConnection(); // throws when the server cannot be reached or refuses the login
    builder.up();
  }
}
