package org.namss.recert.badge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.namss.recert.api.ApiException;
import org.namss.recert.config.TimeSource;
import org.namss.recert.security.ApiUser;
import org.namss.recert.security.Authorities;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Credly's web service API played by WireMock (a real HTTP server on this machine). */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:badges;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
    "spring.flyway.target=2",
    "logging.level.org.namss.recert.badge=DEBUG",
    "logging.level.org.springframework.web.client=DEBUG",
    "logging.level.org.springframework.http=DEBUG"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = BadgeTestConfig.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // like a Camunda job: the service's own transactions
@ExtendWith(OutputCaptureExtension.class)
class BadgeServiceTest {

  static final String TOKEN = "tok-SECRET-4f1c9a";
  static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(StandardCharsets.UTF_8));
  static final String BADGES = "/v1/organizations/org-1/badges";
  static final OffsetDateTime ISSUED_AT = OffsetDateTime.parse("2026-12-14T09:00:00-05:00");
  static final OffsetDateTime EXPIRES_AT = OffsetDateTime.parse("2029-12-31T23:59:59-05:00");
  static final String DUPLICATE = """
      {"data":{"message":"Validation Failed","errors":[{"attribute":"user","messages":["already has this badge"]}]}}""";

  /** Started before the Spring context (a test listener may load it before any JUnit extension runs). */
  static final WireMockServer CREDLY = new WireMockServer(options().dynamicPort());

  static {
    CREDLY.start();
  }

  @AfterAll
  static void stopCredly() {
    CREDLY.stop();
  }

  @Autowired BadgeIssuanceRepository repository;
  @Autowired BadgeService unconfigured;
  @Autowired BadgeController controller;
  @Autowired TimeSource time;
  @Autowired JdbcTemplate jdbc;

  BadgeService credly;
  long certificantId;

  @BeforeEach
  void setUp() {
    CREDLY.resetAll();
    jdbc.update("delete from badge_issuance");
    jdbc.update("delete from certificant where certificant_number = 'C-1001'");
    jdbc.update("insert into certificant (certificant_number, first_name, last_name, created_at)"
        + " values ('C-1001', 'José', 'O''Neil-Smith', current_timestamp)");
    certificantId = jdbc.queryForObject("select id from certificant where certificant_number = 'C-1001'",
        Long.class);
    credly = service(properties(TOKEN));
  }

  @AfterEach
  void logout() {
    SecurityContextHolder.clearContext();
  }

  CredlyProperties properties(String token) {
    return new CredlyProperties(CREDLY.baseUrl() + "/", "org-1", token,
        // read timeout well under the 4 s slow answer below, well over a loaded machine's answer time
        new CredlyProperties.TemplateIds("tpl-cpcs", "tpl-cpmsm"), Duration.ofSeconds(2), Duration.ofMillis(3000));
  }

  BadgeService service(CredlyProperties properties) {
    return new BadgeService(repository, properties, time);
  }

  BadgeRequest request(String type, int renewalYear) {
    return new BadgeRequest(certificantId, "C-1001", "José", "O'Neil-Smith", "jose@example.org", type, renewalYear,
        ISSUED_AT, EXPIRES_AT);
  }

  @Test
  void issuesTheBadgeWithTheProfilesExactName() {
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\",\"state\":\"pending\"}}")
        .withStatus(201)));

    BadgeIssuance issuance = credly.issue(request("CPCS", 2026));

    assertThat(issuance.getStatus()).isEqualTo(BadgeStatus.ISSUED);
    assertThat(issuance.getCredlyBadgeId()).isEqualTo("badge-1");
    assertThat(issuance.getTemplateId()).isEqualTo("tpl-cpcs");
    assertThat(issuance.getExpiresAt()).isEqualTo(EXPIRES_AT.toInstant());
    CREDLY.verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withHeader("Authorization", equalTo(BASIC))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"recipient_email": "jose@example.org",
             "issued_to_first_name": "José",
             "issued_to_last_name": "O'Neil-Smith",
             "badge_template_id": "tpl-cpcs",
             "issued_at": "2026-12-14 09:00:00 -0500",
             "issuer_earner_id": "C-1001",
             "expires_at": "2029-12-31 23:59:59 -0500"}""")));
  }

  @Test
  void aSecondIssueOfTheSameCertificationAndYearCallsNobody() {
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));

    BadgeIssuance first = credly.issue(request("CPCS", 2026));
    BadgeIssuance second = credly.issue(request("cpcs", 2026));

    assertThat(second.getId()).isEqualTo(first.getId());
    CREDLY.verify(1, postRequestedFor(urlEqualTo(BADGES)));
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void credlysDuplicateAnswerIsAlreadyIssuedNotAnError() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json").withBody(DUPLICATE)));
    // the lookup before issuing finds nothing (e.g. Credly lists the badge only later); the one after the refusal does
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).inScenario("lookup").whenScenarioStateIs(STARTED)
        .withQueryParam("filter", equalTo("recipient_email::jose@example.org|badge_template_id::tpl-cpmsm"))
        .willReturn(okJson("{\"data\":[]}")).willSetStateTo("listed"));
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).inScenario("lookup").whenScenarioStateIs("listed")
        .withQueryParam("filter", equalTo("recipient_email::jose@example.org|badge_template_id::tpl-cpmsm"))
        .willReturn(okJson("{\"data\":[{\"id\":\"badge-9\",\"state\":\"accepted\","
            + "\"expires_at\":\"2029-12-31T00:00:00.000-05:00\"}]}")));

    BadgeIssuance issuance = credly.issue(request("CPMSM", 2026));

    assertThat(issuance.getStatus()).isEqualTo(BadgeStatus.ALREADY_ISSUED);
    assertThat(issuance.getCredlyBadgeId()).isEqualTo("badge-9");
    CREDLY.verify(1, postRequestedFor(urlEqualTo(BADGES)));
  }

  @Test
  void aBadgeCredlyAlreadyHasForThisCycleIsNotPostedAgain() {
    // an earlier attempt reached Credly but its answer was lost (timeout, or the JVM died before the commit)
    CREDLY.stubFor(get(urlPathEqualTo(BADGES))
        .withQueryParam("filter", equalTo("recipient_email::jose@example.org|badge_template_id::tpl-cpcs"))
        .willReturn(okJson("{\"data\":[{\"id\":\"badge-lost\",\"state\":\"pending\","
            + "\"expires_at\":\"2029-12-31T00:00:00.000-05:00\"}]}")));

    BadgeIssuance issuance = credly.issue(request("CPCS", 2026));

    assertThat(issuance.getStatus()).isEqualTo(BadgeStatus.ALREADY_ISSUED);
    assertThat(issuance.getCredlyBadgeId()).isEqualTo("badge-lost");
    CREDLY.verify(0, postRequestedFor(urlEqualTo(BADGES)));
  }

  @Test
  void aDuplicateIsAlreadyIssuedEvenWhenTheLookupFails() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json").withBody(DUPLICATE)));
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).willReturn(aResponse().withStatus(503)));

    BadgeIssuance issuance = credly.issue(request("CPCS", 2026));

    assertThat(issuance.getStatus()).isEqualTo(BadgeStatus.ALREADY_ISSUED);
    assertThat(issuance.getCredlyBadgeId()).isNull();
  }

  @Test
  void aDuplicateOfAnEarlierCyclesBadgeIsNoSuccess() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json").withBody(DUPLICATE)));
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).willReturn(okJson("{\"data\":[{\"id\":\"badge-2023\","
        + "\"state\":\"accepted\",\"expires_at\":\"2026-12-31T00:00:00.000-05:00\"}]}")));

    assertThatThrownBy(() -> credly.issue(request("CPCS", 2026)))
        .isExactlyInstanceOf(CredlyException.class)
        .hasMessageContaining("badge-2023").hasMessageContaining("allow duplicate badges");
    assertThat(repository.count()).isZero();
  }

  @Test
  void serverErrorsRateLimitsAndTimeoutsAreUnavailableSoTheJobRetries() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(500).withBody("{\"data\":{\"message\":\"boom\"}}")));
    assertThatThrownBy(() -> credly.issue(request("CPCS", 2026)))
        .isInstanceOfSatisfying(CredlyUnavailableException.class, e -> assertThat(e.status()).isEqualTo(500));

    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
    assertThatThrownBy(() -> credly.issue(request("CPCS", 2026)))
        .isInstanceOfSatisfying(CredlyUnavailableException.class, e -> assertThat(e.status()).isEqualTo(429));

    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"late\"}}").withFixedDelay(4000)));
    assertThatThrownBy(() -> credly.issue(request("CPCS", 2026)))
        .isInstanceOf(CredlyUnavailableException.class).hasMessageContaining("could not be reached");

    assertThat(repository.count()).isZero(); // nothing recorded as issued
  }

  @Test
  void otherRefusalsCarryCredlysMessageAndAreNotRetriedAsUnavailable() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"data\":{\"message\":\"Validation Failed\",\"errors\":[{\"attribute\":\"badge_template_id\","
            + "\"messages\":[\"is archived\"]}]}}")));

    assertThatThrownBy(() -> credly.issue(request("CPCS", 2026)))
        .isExactlyInstanceOf(CredlyException.class)
        .hasMessageContaining("422").hasMessageContaining("badge_template_id: is archived");
  }

  @Test
  void withoutCredlyConfigurationTheBadgeIsPendingAndNoCallIsMade(CapturedOutput output) {
    BadgeService noToken = service(properties(""));

    BadgeIssuance pending = noToken.issue(request("CPCS", 2026));
    BadgeIssuance again = unconfigured.issue(request("CPCS", 2026));

    assertThat(pending.getStatus()).isEqualTo(BadgeStatus.PENDING_CONFIGURATION);
    assertThat(again.getId()).isEqualTo(pending.getId());
    assertThat(again.getRecipientEmail()).isEqualTo("jose@example.org");
    CREDLY.verify(0, anyRequestedFor(anyUrl()));
    assertThat(output.getAll()).contains("recorded as pending: Credly is not configured")
        .doesNotContain("jose@example.org", "O'Neil");

    // once Credly is configured, the same call issues the pending badge (Credly has none yet for the look-up)
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).willReturn(okJson("{\"data\":[]}")));
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-3\"}}").withStatus(201)));
    BadgeIssuance issued = credly.issue(request("CPCS", 2026));
    assertThat(issued.getId()).isEqualTo(pending.getId());
    assertThat(issued.getStatus()).isEqualTo(BadgeStatus.ISSUED);
  }

  @Test
  void theTokenIsNeverLoggedNorShown(CapturedOutput output) {
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
    CREDLY.stubFor(put(BADGES + "/badge-1/revoke").willReturn(aResponse().withStatus(500)));
    credly.issue(request("CPCS", 2026));
    assertThatThrownBy(() -> credly.revoke(certificantId, "CPCS", "Lapsed"))
        .isInstanceOf(CredlyUnavailableException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));

    String base64 = BASIC.substring("Basic ".length());
    assertThat(output.getAll()).contains("issued as Credly badge badge-1").doesNotContain(TOKEN, base64);
    assertThat(properties(TOKEN).toString()).doesNotContain(TOKEN).contains("authToken=(set)");
    assertThat(properties(TOKEN).enabled()).isTrue();
    assertThat(properties("").enabled()).isFalse();
  }

  @Test
  void revokingALapsedCertificationEndsItsBadge() {
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
    CREDLY.stubFor(put(BADGES + "/badge-1/revoke").willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}")));
    credly.issue(request("CPCS", 2026));

    credly.revoke(certificantId, "CPCS", "Certification lapsed (R25)");

    CREDLY.verify(1, putRequestedFor(urlEqualTo(BADGES + "/badge-1/revoke"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("""
            {"reason": "Certification lapsed (R25)", "suppress_revoke_notification_email": false}""")));
    assertThat(repository.findAll()).singleElement()
        .satisfies(b -> assertThat(b.getStatus()).isEqualTo(BadgeStatus.REVOKED));

    credly.revoke(certificantId, "CPCS", "again"); // nothing left to end
    CREDLY.verify(1, putRequestedFor(urlEqualTo(BADGES + "/badge-1/revoke")));
  }

  @Test
  void revokingWhatWasNeverIssuedIsANoOp() {
    credly.revoke(certificantId, "CPMSM", "Lapsed");

    CREDLY.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void revokingFindsTheBadgeOfADuplicateAndAcceptsAnEarlierRevocation() {
    CREDLY.stubFor(post(BADGES).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json").withBody(DUPLICATE)));
    credly.issue(request("CPCS", 2026)); // lookup not stubbed: badge id unknown
    CREDLY.stubFor(get(urlPathEqualTo(BADGES)).willReturn(okJson("{\"data\":[{\"id\":\"badge-7\","
        + "\"state\":\"accepted\"}]}")));
    CREDLY.stubFor(put(BADGES + "/badge-7/revoke").willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\":{\"message\":\"Badge has already been revoked\"}}")));

    credly.revoke(certificantId, "CPCS", null);

    CREDLY.verify(1, putRequestedFor(urlEqualTo(BADGES + "/badge-7/revoke"))
        .withRequestBody(equalToJson("{\"reason\": \"" + BadgeService.DEFAULT_REVOKE_REASON
            + "\", \"suppress_revoke_notification_email\": false}")));
    assertThat(repository.findAll()).singleElement().satisfies(b -> {
      assertThat(b.getStatus()).isEqualTo(BadgeStatus.REVOKED);
      assertThat(b.getCredlyBadgeId()).isEqualTo("badge-7");
    });
  }

  @Test
  void aPendingBadgeIsRevokedWithoutCallingCredlyAndAnExpiredOneIsLeftAlone() {
    unconfigured.issue(request("CPMSM", 2026));
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-old\"}}").withStatus(201)));
    credly.issue(new BadgeRequest(certificantId, "C-1001", "José", "O'Neil-Smith", "jose@example.org", "CPCS", 2020,
        OffsetDateTime.parse("2020-12-01T09:00:00-05:00"), OffsetDateTime.parse("2023-12-31T23:59:59-05:00")));

    unconfigured.revoke(certificantId, "CPMSM", "Lapsed");
    credly.revoke(certificantId, "CPCS", "Lapsed");

    CREDLY.verify(0, putRequestedFor(anyUrl()));
    assertThat(repository.findAll()).extracting(BadgeIssuance::getCertificationType, BadgeIssuance::getStatus)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("CPMSM", BadgeStatus.REVOKED),
            org.assertj.core.groups.Tuple.tuple("CPCS", BadgeStatus.ISSUED));
  }

  @Test
  void anIncompleteRequestIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> credly.issue(new BadgeRequest(certificantId, "C-1001", " ", "O'Neil-Smith",
        "jose@example.org", "CPCS", 2026, ISSUED_AT, EXPIRES_AT)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstName");
    assertThatThrownBy(() -> credly.issue(new BadgeRequest(certificantId, "C-1001", "José", "O'Neil-Smith",
        "jose.example.org", "CPCS", 2026, ISSUED_AT, EXPIRES_AT)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-mail");
    assertThatThrownBy(() -> credly.issue(request("CPCSM", 2026)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPCSM");
    CREDLY.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  @DisplayName("R19: Credly configured without a template for the certification: an incident (nothing recorded, no "
      + "call), not a quiet pending badge")
  void missingTemplateIsAnIncident() {
    CredlyProperties configured = properties(TOKEN);
    BadgeService withoutCpcsTemplate = service(new CredlyProperties(configured.baseUrl(), configured.organizationId(),
        configured.authToken(), new CredlyProperties.TemplateIds(null, "tpl-cpmsm"), configured.connectTimeout(),
        configured.readTimeout()));

    assertThatThrownBy(() -> withoutCpcsTemplate.issue(request("CPCS", 2026)))
        .isExactlyInstanceOf(CredlyException.class)
        .hasMessage("No Credly badge template is configured for CPCS (credly.template-ids.cpcs, CREDLY_TEMPLATE_CPCS):"
            + " configure it, restart, then retry");
    assertThat(repository.findByCertificantIdAndCertificationTypeAndRenewalYear(certificantId, "CPCS", 2026))
        .isEmpty();
    CREDLY.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void staffListBadgesByStatus() {
    unconfigured.issue(request("CPMSM", 2026));
    CREDLY.stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
    credly.issue(request("CPCS", 2026));
    loginAs(Groups.STAFF);

    BadgeController.BadgePage pending = controller.list(BadgeStatus.PENDING_CONFIGURATION, null, 0, 20);

    assertThat(pending.totalItems()).isEqualTo(1);
    assertThat(pending.items()).singleElement().satisfies(b -> {
      assertThat(b.certificationType()).isEqualTo("CPMSM");
      assertThat(b.renewalYear()).isEqualTo(2026);
      assertThat(b.recipientEmail()).isEqualTo("jose@example.org");
    });
    assertThat(controller.list(null, certificantId, 0, 20).totalItems()).isEqualTo(2);

    loginAs(Groups.CERTIFICANTS);
    assertThatThrownBy(() -> controller.list(null, null, 0, 20))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
  }

  static void loginAs(String group) {
    var authentication = new UsernamePasswordAuthenticationToken("user", null, List.of());
    authentication.setDetails(new ApiUser("user", "user@example.org", List.of(Authorities.group(group))));
    SecurityContextHolder.getContext().setAuthentication(authentication);
  }
}
