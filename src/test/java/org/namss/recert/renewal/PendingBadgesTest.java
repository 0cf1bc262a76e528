package org.namss.recert.renewal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.badge.BadgeIssuance;
import org.namss.recert.badge.BadgeIssuanceRepository;
import org.namss.recert.badge.BadgeRequest;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.badge.BadgeStatus;
import org.namss.recert.badge.CredlyProperties;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.config.TimeSource;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * R19: badges recorded as pending while Credly was not configured (the embedded default) are issued once it is,
 * through {@code POST /api/badges/pending/issue}; Credly here is WireMock, configured as in every application test.
 */
class PendingBadgesTest extends ApiTestSupport {

  static final String BADGES = "/v1/organizations/org-42/badges";

  @Autowired BadgeIssuanceRepository repository;
  @Autowired CertificantService certificants;
  @Autowired TimeSource time;
  @Autowired TestRestTemplate rest;
  final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("R19: pending badges are issued once Credly is configured; one Credly refuses stays pending and is "
      + "reported; a second run issues the rest, a third nothing; without Credly nothing is asked (409)")
  void pendingBadgesAreIssuedOnceCredlyIsConfigured() throws Exception {
    setClock(LocalDate.of(2026, 11, 20));
    Certificant penny = fixtures.cpcs("Penny", "Pending", 2026);
    Certificant rex = fixtures.cpcs("Rex", "Refused", 2026);
    BadgeService withoutCredly = new BadgeService(repository, new CredlyProperties(null, null, null,
        new CredlyProperties.TemplateIds(null, null), Duration.ofSeconds(5), Duration.ofSeconds(20)), time);
    BadgeIssuance pennys = withoutCredly.issue(request(penny));
    BadgeIssuance rexs = withoutCredly.issue(request(rex));
    assertThat(pennys.getStatus()).isEqualTo(BadgeStatus.PENDING_CONFIGURATION);
    assertThat(rexs.getStatus()).isEqualTo(BadgeStatus.PENDING_CONFIGURATION);
    PendingBadges unconfigured = new PendingBadges(repository, withoutCredly, certificants);
    assertThatThrownBy(() -> unconfigured.issue(10, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Credly is not configured");
    var staff = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("staff", null,
        java.util.List.of());
    staff.setDetails(new org.namss.recert.security.ApiUser("staff", "staff@example.org",
        java.util.List.of(org.namss.recert.security.Authorities.group(org.namss.recert.security.Groups.STAFF))));
    org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(staff);
    try {
      assertThatThrownBy(() -> new PendingBadgeController(unconfigured).issue(10, 0))
          .isInstanceOfSatisfying(org.namss.recert.api.ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(e.getMessage()).contains("Credly is not configured");
          });
    } finally {
      org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }
    TestServers.credly().verify(0, anyRequestedFor(anyUrl()));

    // only staff or operations may ask
    Caller certificantUser = newUser(org.namss.recert.security.Groups.CERTIFICANTS, penny.primaryEmail());
    assertProblem(send("POST", "/api/badges/pending/issue", certificantUser, "application/json", new byte[0]), 403,
        "certification staff or operations");

    // Credly configured (this application's settings): it has no badge yet, issues Penny's, refuses Rex's
    TestServers.credly().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(BADGES)).willReturn(okJson("{\"data\":[]}")));
    TestServers.credly().stubFor(post(BADGES).withRequestBody(containing(penny.primaryEmail()))
        .willReturn(okJson("{\"data\":{\"id\":\"badge-penny\"}}").withStatus(201)));
    TestServers.credly().stubFor(post(BADGES).withRequestBody(containing(rex.primaryEmail()))
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
            .withBody("{\"data\":{\"message\":\"Validation Failed\",\"errors\":[{\"attribute\":\"recipient_email\","
                + "\"messages\":[\"is blocked\"]}]}}")));

    JsonNode first = issuePending();
    assertThat(first.path("issued").asInt()).isEqualTo(1);
    assertThat(first.path("alreadyIssued").asInt()).isZero();
    assertThat(first.path("failed")).hasSize(1);
    assertThat(first.path("failed").get(0).path("badgeIssuanceId").asLong()).isEqualTo(rexs.getId());
    assertThat(first.path("failed").get(0).path("message").asText()).contains("422", "recipient_email: is blocked")
        .doesNotContain(rex.primaryEmail());
    assertThat(first.path("stillPending").asLong()).isEqualTo(1);
    BadgeIssuance issued = repository.findById(pennys.getId()).orElseThrow();
    assertThat(issued.getStatus()).isEqualTo(BadgeStatus.ISSUED);
    assertThat(issued.getCredlyBadgeId()).isEqualTo("badge-penny");
    assertThat(issued.getTemplateId()).isEqualTo("template-cpcs");
    assertThat(repository.findById(rexs.getId()).orElseThrow().getStatus())
        .isEqualTo(BadgeStatus.PENDING_CONFIGURATION);
    // past the refused one: nothing left after it
    assertThat(first.path("lastId").asLong()).isEqualTo(rexs.getId());
    JsonNode after = issuePending("?afterId=" + first.path("lastId").asLong());
    assertThat(after.path("issued").asInt()).isZero();
    assertThat(after.path("failed")).isEmpty();
    assertThat(after.path("stillPending").asLong()).isEqualTo(1);

    // the address is corrected on Credly's side: the next run issues Rex's, and Penny's is not asked again
    TestServers.credly().stubFor(post(BADGES).withRequestBody(containing(rex.primaryEmail()))
        .willReturn(okJson("{\"data\":{\"id\":\"badge-rex\"}}").withStatus(201)));
    JsonNode second = issuePending();
    assertThat(second.path("issued").asInt()).isEqualTo(1);
    assertThat(second.path("failed")).isEmpty();
    assertThat(second.path("stillPending").asLong()).isZero();
    assertThat(repository.findById(rexs.getId()).orElseThrow().getCredlyBadgeId()).isEqualTo("badge-rex");

    JsonNode third = issuePending();
    assertThat(third.path("issued").asInt()).isZero();
    assertThat(third.path("failed")).isEmpty();
    TestServers.credly().verify(1, postRequestedFor(urlPathEqualTo(BADGES))
        .withRequestBody(containing(penny.primaryEmail())));
    TestServers.credly().verify(2, postRequestedFor(urlPathEqualTo(BADGES))
        .withRequestBody(containing(rex.primaryEmail())));
  }

  private JsonNode issuePending() throws Exception {
    return issuePending("");
  }

  private JsonNode issuePending(String query) throws Exception {
    ResponseEntity<String> answer = rest.withBasicAuth("admin", ADMIN_PASSWORD)
        .postForEntity("/api/badges/pending/issue" + query, null, String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    return json.readTree(answer.getBody());
  }

  private static BadgeRequest request(Certificant certificant) {
    return new BadgeRequest(certificant.getId(), certificant.getNumber(), certificant.getFirstName(),
        certificant.getLastName(), certificant.primaryEmail(), "CPCS", 2026,
        OffsetDateTime.of(2026, 11, 20, 15, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2029, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC));
  }
}
