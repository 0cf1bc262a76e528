package org.namss.recert.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for Credly's badge API on WireMock: {@code POST /v1/organizations/org-42/badges} issues a
 * badge (201, or 422 "already has this badge" for a second one of the same template and recipient, as Credly's
 * duplicate check does), {@code GET ...?filter=recipient_email::X|badge_template_id::T} lists what was issued.
 * Every POST that reaches it is counted per {@code issuer_earner_id} (the certificant number) even when its answer
 * is delayed past the client's timeout: a badge issued is a badge issued. Faults are stubs of higher priority.
 */
final class FakeCredly implements AutoCloseable {

  static final String BADGES = "/v1/organizations/org-42/badges";
  private static final String NAME = "fake-credly";

  private final Map<String, AtomicInteger> postsByEarner = new ConcurrentHashMap<>();
  private final Map<String, String[]> issued = new ConcurrentHashMap<>(); // email|template -> id, expires
  private final ObjectMapper json = new ObjectMapper();
  private final WireMockServer server;
  private StubMapping fault;

  FakeCredly() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
        .containerThreads(20).disableRequestJournal().extensions(new Transformer()));
    server.start();
    healthy();
  }

  String baseUrl() {
    return server.baseUrl();
  }

  /** Answers as Credly does when all is well (removes any fault). */
  void healthy() {
    if (fault != null) {
      server.removeStub(fault);
      fault = null;
    }
    server.stubFor(any(urlPathEqualTo(BADGES)).atPriority(5)
        .willReturn(aResponse().withTransformers(NAME)));
  }

  /** Every call answers this status (e.g. 500, 429) without issuing anything. */
  void failing(int status) {
    fault(any(urlPathEqualTo(BADGES)).atPriority(1)
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", "1")
            .withBody("{\"data\":{\"message\":\"fault injected by the test: " + status + "\"}}")).build());
  }

  /** Calls are served (a POST issues its badge) but answered only after {@code millis}. */
  void slow(int millis) {
    fault(any(urlPathEqualTo(BADGES)).atPriority(1)
        .willReturn(aResponse().withTransformers(NAME).withFixedDelay(millis)).build());
  }

  private void fault(StubMapping mapping) {
    if (fault != null) {
      server.removeStub(fault);
    }
    fault = mapping;
    server.addStubMapping(mapping);
  }

  /** POST requests that reached Credly, per earner id (certificant number). */
  Map<String, AtomicInteger> postsByEarner() {
    return postsByEarner;
  }

  int posts() {
    return postsByEarner.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int badges() {
    return issued.size();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      Request request = event.getRequest();
      ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition())
          .withHeader("Content-Type", "application/json");
      try {
        if ("POST".equals(request.getMethod().getName())) {
          JsonNode body = json.readTree(request.getBodyAsString());
          String earner = body.path("issuer_earner_id").asText();
          postsByEarner.computeIfAbsent(earner, k -> new AtomicInteger()).incrementAndGet();
          String key = body.path("recipient_email").asText() + "|" + body.path("badge_template_id").asText();
          String[] badge = {"badge-" + earner, body.path("expires_at").asText()};
          if (issued.putIfAbsent(key, badge) != null) {
            return answer.withStatus(422).withBody("{\"data\":{\"message\":\"User already has this badge\"}}")
                .build();
          }
          return answer.withStatus(201).withBody("{\"data\":{\"id\":\"" + badge[0] + "\"}}").build();
        }
        if ("GET".equals(request.getMethod().getName())) {
          String filter = URLDecoder.decode(request.queryParameter("filter").firstValue(), StandardCharsets.UTF_8);
          String email = filter.replaceAll(".*recipient_email::([^|]*).*", "$1");
          String template = filter.replaceAll(".*badge_template_id::([^|]*).*", "$1");
          String[] badge = issued.get(email + "|" + template);
          String data = badge == null ? "[]" : "[{\"id\":\"" + badge[0] + "\",\"state\":\"pending\",\"expires_at\":\""
              + badge[1].substring(0, 10) + "T23:59:59.000-05:00\"}]";
          return answer.withStatus(200).withBody("{\"data\":" + data + "}").build();
        }
        return answer.withStatus(405).build();
      } catch (IOException | RuntimeException e) {
        return answer.withStatus(400).withBody("{\"data\":{\"message\":\"" + e + "\"}}").build();
      }
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }
}
