package org.namss.recert.renewal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.badge.BadgeIssuance;
import org.namss.recert.badge.BadgeIssuanceRepository;
import org.namss.recert.badge.BadgeRequest;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.badge.BadgeStatus;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * docs/operations.md, "When Credly is down": a Credly refusal that no retry mends (401/403 for a wrong or revoked
 * token, another 4xx) is an incident in Cockpit at once, for the badge job (R19) and the revocation job (R25) alike;
 * an outage (5xx) keeps the model's back-off. Cockpit's "Increment Number of Retries" then runs the job again.
 * Credly is the WireMock stand-in; the jobs run as the job executor runs them ({@code executeJob}).
 */
class BadgeIncidentProcessTest extends TimeTravelTest {

  static final int YEAR = 2026;

  @Autowired BadgeService badgeService;
  @Autowired BadgeIssuanceRepository badges;

  private Job job(String jobId) {
    return engine.getManagementService().createJobQuery().jobId(jobId).singleResult();
  }

  private static ResponseDefinitionBuilder credlyAnswers(int status, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"data\":{\"message\":\"" + message + "\"}}");
  }

  @Test
  @DisplayName("R19: Credly 503 retries with the back-off; then a 401 (token revoked) is an incident at once; after "
      + "the token is fixed, Cockpit's retry issues the badge once")
  void credlyUnauthorizedIsAnIncidentAtOnce() {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant bea = fixtures.cpcs("Bea", "Badge", YEAR);
    fixtures.enoughForSingle(bea, YEAR);
    String pid = renewals.open(bea.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(bea, YEAR);
    executeDueJobs(pid);
    payByCard(bea, onlyInvoice(bea));
    executeDueJobs(pid);
    engine.getTaskService().complete(task(pid, "UserTask_ReviewApplication").getId(),
        Map.of("reviewOutcome", "APPROVE"));
    String badgeJob = runUntil(pid, "ServiceTask_IssueBadge").getId();
    ManagementService management = engine.getManagementService();

    // an outage: the job keeps its retry cycle (R5/PT1M,...), no incident
    TestServers.credly().stubFor(post(BADGES).atPriority(1).willReturn(credlyAnswers(503, "Service Unavailable")));
    assertThatThrownBy(() -> management.executeJob(badgeJob)).hasStackTraceContaining("Credly answered 503");
    int retriesLeft = job(badgeJob).getRetries();
    assertThat(retriesLeft).isGreaterThan(1);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();

    // the token was revoked meanwhile: the retry's 401 is an incident now, not after five more hours
    TestServers.credly().stubFor(post(BADGES).atPriority(1).willReturn(credlyAnswers(401, "Unauthorized")));
    setClock(LocalDate.of(YEAR, 11, 20).atTime(10, 2));
    assertThatThrownBy(() -> management.executeJob(badgeJob)).hasStackTraceContaining("Credly answered 401");
    assertThat(job(badgeJob).getRetries()).isZero();
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("ServiceTask_IssueBadge");
    assertThat(incident.getIncidentMessage()).contains("Credly answered 401");
    assertThat(management.getJobExceptionStacktrace(badgeJob)).contains("CredlyException");
    assertThat(management.createJobQuery().processInstanceId(pid).executable().count()).isZero();

    // the token is fixed (restart); operations increment the retries in Cockpit
    TestServers.credly().resetMappings();
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-bea\"}}").withStatus(201)));
    management.setJobRetries(badgeJob, 1);
    management.executeJob(badgeJob);
    executeDueJobs(pid);

    assertThat(instance(pid)).isNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
    BadgeIssuance issued = badges.findByCertificantIdAndCertificationTypeAndRenewalYear(bea.getId(), "CPCS", YEAR)
        .orElseThrow();
    assertThat(issued.getStatus()).isEqualTo(BadgeStatus.ISSUED);
    assertThat(issued.getCredlyBadgeId()).isEqualTo("badge-bea");
    TestServers.credly().verify(3, postRequestedFor(urlEqualTo(BADGES)));
  }

  @Test
  @DisplayName("R25: Credly 403 on the revocation of a lapsed certification's badge is an incident at once; Cockpit's "
      + "retry revokes it once the token is fixed")
  void credlyForbiddenOnRevocationIsAnIncidentAtOnce() {
    setClock(LocalDate.of(YEAR, 9, 1));
    Certificant lou = fixtures.cpcs("Lou", "Lapse", YEAR);
    // the badge of the cycle that ends now, issued three years ago and valid until the end of the renewal year
    BadgeIssuance earlier = badgeService.issue(new BadgeRequest(lou.getId(), lou.getNumber(), "Lou", "Lapse",
        lou.primaryEmail(), "CPCS", YEAR - 3, OffsetDateTime.of(YEAR - 3, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(YEAR + 1, 12, 31, 23, 0, 0, 0, ZoneOffset.UTC)));
    assertThat(earlier.getStatus()).isEqualTo(BadgeStatus.ISSUED);
    String revoke = BADGES + "/" + earlier.getCredlyBadgeId() + "/revoke";
    String pid = renewals.open(lou.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);

    // no application: the certification lapses on 1 January (R25) and its badge is to be ended
    setClock(LocalDate.of(YEAR + 1, 1, 1));
    String revokeJob = runUntil(pid, "ServiceTask_RevokeBadge").getId();
    TestServers.credly().stubFor(put(revoke).atPriority(1).willReturn(credlyAnswers(403, "Forbidden")));
    assertThatThrownBy(() -> engine.getManagementService().executeJob(revokeJob))
        .hasStackTraceContaining("Credly answered 403");

    assertThat(job(revokeJob).getRetries()).isZero();
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("ServiceTask_RevokeBadge");
    assertThat(incident.getIncidentMessage()).contains("Credly answered 403");
    assertThat(badges.findById(earlier.getId()).orElseThrow().getStatus()).isEqualTo(BadgeStatus.ISSUED);

    TestServers.credly().resetMappings();
    TestServers.credly().stubFor(put(revoke).willReturn(okJson("{\"data\":{\"state\":\"revoked\"}}")));
    engine.getManagementService().setJobRetries(revokeJob, 1);
    engine.getManagementService().executeJob(revokeJob);

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
    assertThat(badges.findById(earlier.getId()).orElseThrow().getStatus()).isEqualTo(BadgeStatus.REVOKED);
    assertThat(instance(pid)).hasPassed("ServiceTask_RevokeBadge");
    TestServers.credly().verify(2, putRequestedFor(urlEqualTo(revoke)));
  }
}
