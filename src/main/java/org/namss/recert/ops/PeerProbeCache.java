package org.namss.recert.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Keeps a peer's probe ({@code smtp}, {@code credly}) for a while. {@code GET /actuator/health} is open, and Spring
 * Boot computes every component for its status, anonymous callers included: without this, every call (a load
 * balancer's, a monitor's, anyone's) logged in to the SMTP server and called Credly. One probe at a time runs;
 * callers within {@code recert.health.peer-probe-interval} of it get its answer, with the detail {@code checkedAt}.
 */
final class PeerProbeCache implements HealthIndicator {

  private final HealthIndicator probe;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private Health last;
  private long lastAt;

  PeerProbeCache(HealthIndicator probe, Duration interval) {
    this(probe, interval, System::nanoTime);
  }

  PeerProbeCache(HealthIndicator probe, Duration interval, LongSupplier nanoTime) {
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("recert.health.peer-probe-interval must be 0 or more, was " + interval);
    }
    this.probe = probe;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized Health health() {
    long now = nanoTime.getAsLong();
    if (last == null || now - lastAt >= intervalNanos) {
      Health probed = probe.health();
      last = Health.status(probed.getStatus()).withDetails(probed.getDetails())
          .withDetail("checkedAt", Instant.now().toString()).build();
      lastAt = now;
    }
    return last;
  }

  /** Forgets the kept answer: the next call probes (for tests that change the peer between calls). */
  synchronized void forget() {
    last = null;
  }
}
