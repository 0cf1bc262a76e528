package org.namss.recert.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.badge.CredlyProperties;
import org.namss.recert.support.TestServers;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Operations: {@code /actuator/health} is open with the status only; operations see the components engine, db,
 * smtp (a real SMTP server, GreenMail) and credly (a real HTTP server, WireMock, probed without the token).
 * Outages and the not-configured modes are checked on the same indicators against closed ports.
 */
class OperationsHealthApiTest extends OpsApiTest {

  final ObjectMapper json = new ObjectMapper();
  @Autowired List<PeerProbeCache> peerProbes;

  @BeforeEach
  void probePeersAgain() {
    peerProbes.forEach(PeerProbeCache::forget); // the tests below change the peers' answers
  }

  @Test
  @DisplayName("The open probe does not reach the peers on every call: five calls, one Credly probe")
  void peersProbedOncePerInterval() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = get("/actuator/health", null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    TestServers.credly().verify(1, getRequestedFor(urlEqualTo("/")));

    JsonNode components = json.readTree(get("/actuator/health", operations).body()).path("components");
    TestServers.credly().verify(1, getRequestedFor(urlEqualTo("/")));
    assertThat(components.path("credly").path("details").path("checkedAt").asText()).isNotEmpty();
    // the SMTP login goes through the same kind of cache (checkedAt), whose interval the next test checks
    assertThat(components.path("smtp").path("details").path("checkedAt").asText()).isNotEmpty();
  }

  @Test
  @DisplayName("A kept probe is reused within the interval and probed again after it")
  void peerProbeInterval() {
    AtomicInteger probes = new AtomicInteger();
    AtomicLong nanos = new AtomicLong();
    PeerProbeCache cache = new PeerProbeCache(() -> Health.status(probes.incrementAndGet() == 1 ? Status.UP
        : Status.DOWN).withDetail("probe", probes.get()).build(), Duration.ofSeconds(30), nanos::get);

    Health first = cache.health();
    nanos.set(Duration.ofSeconds(29).toNanos());
    Health within = cache.health();
    nanos.set(Duration.ofSeconds(30).toNanos());
    Health after = cache.health();

    assertThat(first.getStatus()).isEqualTo(Status.UP);
    assertThat(within).isSameAs(first);
    assertThat(after.getStatus()).isEqualTo(Status.DOWN);
    assertThat(after.getDetails()).containsEntry("probe", 2).containsKey("checkedAt");
    assertThat(probes).hasValue(2);
    assertThat(new PeerProbeCache(() -> Health.up().build(), Duration.ZERO, nanos::get).health().getStatus())
        .isEqualTo(Status.UP);
  }

  @Test
  @DisplayName("Open health probe: status only, no components, for anonymous and staff callers")
  void statusOnlyForOthers() throws Exception {
    for (String caller : new String[] {null, staff}) {
      HttpResponse<String> response = get("/actuator/health", caller);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.path("status").asText()).isEqualTo("UP");
      assertThat(body.has("components")).as(response.body()).isFalse();
    }
  }

  @Test
  @DisplayName("Operations see engine, database, SMTP and Credly; Credly is probed without the token")
  void detailsForOperations() throws Exception {
    HttpResponse<String> response = get("/actuator/health", operations);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode components = json.readTree(response.body()).path("components");
    assertThat(components.path("engine").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("engine").path("details").path("name").asText()).isEqualTo(engine.getName());
    assertThat(components.path("engine").path("details").path("jobExecutor").asText())
        .isEqualTo("disabled by configuration");
    assertThat(components.path("engine").path("details").path("deployments").asLong()).isPositive();
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("smtp").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("smtp").path("details").path("mode").asText()).isEqualTo("smtp");
    assertThat(components.path("smtp").path("details").path("port").asInt())
        .isEqualTo(TestServers.smtp().getSmtp().getPort());
    assertThat(components.has("mail")).as("Spring's own mail check is replaced by smtp").isFalse();
    assertThat(components.path("credly").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("credly").path("details").path("httpStatus").asInt()).isEqualTo(404);
    TestServers.credly().verify(1, getRequestedFor(urlEqualTo("/")).withoutHeader("Authorization"));
    assertThat(TestServers.credly().findAll(anyRequestedFor(anyUrl()).withHeader("Authorization",
        com.github.tomakehurst.wiremock.client.WireMock.matching(".*")))).isEmpty();
  }

  @Test
  @DisplayName("Credly answering 503: credly and the overall status DOWN (HTTP 503), readiness stays UP")
  void credlyDown() throws Exception {
    TestServers.credly().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/").willReturn(aResponse().withStatus(503)));

    HttpResponse<String> response = get("/actuator/health", operations);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("DOWN");
    assertThat(body.path("components").path("credly").path("status").asText()).isEqualTo("DOWN");
    assertThat(body.path("components").path("credly").path("details").path("httpStatus").asInt()).isEqualTo(503);
    assertThat(body.path("components").path("engine").path("status").asText()).isEqualTo("UP");
    HttpResponse<String> readiness = get("/actuator/health/readiness", null);
    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
  }

  @Test
  @DisplayName("SMTP: outbox mode is UP; a configured server that cannot be reached is DOWN")
  void smtpModes() {
    JavaMailSenderImpl closed = new JavaMailSenderImpl();
    closed.setHost("127.0.0.1");
    closed.setPort(closedPort());
    closed.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");

    Health outbox = new SmtpHealthIndicator(() -> false, () -> closed).health();
    Health down = new SmtpHealthIndicator(() -> true, () -> closed).health();

    assertThat(outbox.getStatus()).isEqualTo(Status.UP);
    assertThat(outbox.getDetails()).containsEntry("mode", "outbox mode");
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsEntry("port", closed.getPort()).containsKey("error");
  }

  @Test
  @DisplayName("Credly: not configured is UP in pending mode; a configured URL nobody answers is DOWN")
  void credlyModes() {
    Health pending = new CredlyHealthIndicator(new CredlyProperties(null, null, null, null, Duration.ofSeconds(2),
        Duration.ofSeconds(2))).health();
    Health unreachable = new CredlyHealthIndicator(new CredlyProperties("http://127.0.0.1:" + closedPort(),
        "org-42", "secret-token", null, Duration.ofSeconds(2), Duration.ofSeconds(2))).health();

    assertThat(pending.getStatus()).isEqualTo(Status.UP);
    assertThat(pending.getDetails()).containsEntry("mode", "pending mode");
    assertThat(unreachable.getStatus()).isEqualTo(Status.DOWN);
    assertThat(unreachable.getDetails().toString()).contains("error").doesNotContain("secret-token");
  }

  @Test
  @DisplayName("Engine: a job executor that should run but does not is DOWN")
  void jobExecutorStopped() {
    Health health = new EngineHealthIndicator(engine, true).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("jobExecutor", "stopped");
  }

  private static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort(); // closed again when this returns: nothing listens there
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
