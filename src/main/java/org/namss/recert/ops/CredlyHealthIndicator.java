package org.namss.recert.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.namss.recert.badge.CredlyProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code credly}. Configured (base URL, organization and token set): an HTTP GET of the base
 * URL <em>without</em> the token, so the secret never leaves for a probe. Any HTTP answer below 500 means Credly
 * is reachable (UP, with the status code); a 5xx answer, a refused connection or a timeout is DOWN, and badge
 * jobs would fail and retry. Not configured: UP with detail {@code mode: pending mode}; badges are recorded as
 * PENDING_CONFIGURATION for staff.
 */
public class CredlyHealthIndicator extends AbstractHealthIndicator {

  static final String PENDING_MODE = "pending mode";
  private static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private final CredlyProperties credly;
  private final HttpClient http;

  public CredlyHealthIndicator(CredlyProperties credly) {
    super("Credly not reachable");
    this.credly = credly;
    Duration connect = credly.connectTimeout() == null || credly.connectTimeout().compareTo(MAX_WAIT) > 0
        ? MAX_WAIT : credly.connectTimeout();
    this.http = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    if (!credly.enabled()) {
      builder.up().withDetail("mode", PENDING_MODE);
      return;
    }
    URI base = URI.create(credly.baseUrl().strip());
    builder.withDetail("mode", "credly").withDetail("baseUrl", base.toString());
    HttpRequest probe = HttpRequest.newBuilder(base).GET().timeout(MAX_WAIT)
        .header("Accept", "application/json").build();
    HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
    builder.withDetail("httpStatus", response.statusCode());
    if (response.statusCode() >= 500) {
      builder.down();
    } else {
      builder.up();
    }
  }
}
