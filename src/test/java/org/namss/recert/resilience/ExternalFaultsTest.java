package org.namss.recert.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.namss.recert.support.NoDelayGreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outside world failing: the SMTP server down for a while, Credly answering 500, then 429, then too slowly.
 * The real application (own JVM, job executor on, H2 file) retries, raises incidents when the retries of the BPMN
 * retry cycle are used up (seen through the engine REST API, as Cockpit shows them), and once the peers are back
 * and an operator has set the retries again, every e-mail and every badge goes out exactly once (R16, R19).
 *
 * <p>The retry cycles are the production ones (R5/PT5M for mail, R5/PT1M,PT5M,PT15M,PT1H,PT4H for badges); the
 * test does not wait them out but runs the failed jobs' retries through {@code POST /engine-rest/job/{id}/execute}.
 */
class ExternalFaultsTest {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalFaultsTest.class);
  static final int RENEWALS = Integer.getInteger("resilience.faults.renewals", 8);

  TestDatabase database;
  int smtpPort;
  GreenMail smtp;
  FakeCredly credly;
  AppNode node;
  Renewals renewals;

  @BeforeEach
  void servers() {
    database = TestDatabase.h2File();
    smtpPort = Ports.free();
    credly = new FakeCredly();
    renewals = new Renewals(database);
  }

  @AfterEach
  void cleanUp() {
    if (node != null) {
      node.destroyQuietly();
    }
    renewals.close();
    credly.close();
    if (smtp != null) {
      smtp.stop();
    }
    database.close();
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  @DisplayName("R16, R19: SMTP down, Credly 500/429/slow: retries, incidents, operator retry, each mail and badge "
      + "once")
  void faultsRetryThenIncidentThenRecoverExactlyOnce() throws Exception {
    long started = System.nanoTime();
    Map<String, String> properties = new LinkedHashMap<>(database.properties());
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", String.valueOf(smtpPort));
    properties.put("spring.mail.properties.mail.smtp.connectiontimeout", "1000");
    properties.put("spring.mail.properties.mail.smtp.timeout", "2000");
    properties.put("credly.base-url", credly.baseUrl());
    node = new AppNode("faults-node", properties, Renewals.clockOffset());
    node.start();
    List<AppNode> nodes = List.of(node);
    renewals.createStaffUser(node);
    renewals.seed(RENEWALS);

    // 1. SMTP down (no server on the port): the "application received" mail fails and is retried
    renewals.submitAll(nodes);
    List<String> mailJobs = awaitFailedJobs("ServiceTask_SendApplicationReceived");
    assertThat(retries(mailJobs)).as("one attempt failed, four retries left (R5)").containsOnly(4);
    assertThat(renewals.count("select count(*) from mail_message where status = 'FAILED'")).isEqualTo(RENEWALS);
    runUntilIncident(mailJobs);
    assertIncidents("ServiceTask_SendApplicationReceived", "SMTP delivery");

    // the SMTP server is back; an operator sets the retries again, the job executor does the rest
    smtp = new NoDelayGreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    operatorRetries(mailJobs);
    renewals.awaitCount("invoices placed", "select count(*) from invoice", RENEWALS, Duration.ofMinutes(2));
    await("invoices e-mailed").atMost(Duration.ofMinutes(1))
        .until(() -> smtp.getReceivedMessages().length >= 2 * RENEWALS);
    renewals.payAll(nodes);
    renewals.awaitCount("reviews waiting", "select count(*) from act_ru_task where task_def_key_ = "
        + "'UserTask_ReviewApplication'", RENEWALS, Duration.ofMinutes(2));

    // 2. Credly answers 500, then 429, then too slowly (beyond the 1 s read timeout)
    credly.failing(500);
    renewals.approveAll(nodes);
    List<String> badgeJobs = awaitFailedJobs("ServiceTask_IssueBadge");
    // R5/PT1M,PT5M,PT15M,PT1H,PT4H: five retries after the first failure
    assertThat(retries(badgeJobs)).containsOnly(5);
    assertThat(exceptionMessages(badgeJobs)).allSatisfy(m -> assertThat(m).contains("Credly answered 500"));
    runOnce(badgeJobs);
    runOnce(badgeJobs);
    credly.failing(429);
    runOnce(badgeJobs);
    runOnce(badgeJobs);
    assertThat(exceptionMessages(badgeJobs)).allSatisfy(m -> assertThat(m).contains("Credly answered 429"));
    assertThat(retries(badgeJobs)).containsOnly(1);
    credly.slow(2500);
    runOnce(badgeJobs);
    assertThat(retries(badgeJobs)).as("retries used up").containsOnly(0);
    assertThat(exceptionMessages(badgeJobs)).allSatisfy(m -> assertThat(m).contains("could not be reached"));
    assertIncidents("ServiceTask_IssueBadge", "Credly could not be reached");
    assertThat(credly.badges()).as("the slow answers still issued the badges in Credly").isEqualTo(RENEWALS);
    assertThat(renewals.recertified()).isZero();

    // Credly well again; the operator retries; the badges Credly already has are found, not issued again
    credly.healthy();
    operatorRetries(badgeJobs);
    renewals.awaitCount("all renewals recertified", Renewals.RECERTIFIED, RENEWALS, Duration.ofMinutes(2));
    assertThat(renewals.count("select count(*) from act_ru_incident")).isZero();
    renewals.assertOneInvoiceEach();
    renewals.assertOneBadgeEach(credly);
    renewals.assertMailsEach(smtp, 0);
    LOG.info("{}: {} renewals through SMTP and Credly faults in {} s", getClass().getSimpleName(), RENEWALS,
        CrashRecoveryTest.seconds(started));
  }

  /** Waits until every instance's job at {@code activityId} has failed once; returns their ids. */
  private List<String> awaitFailedJobs(String activityId) {
    List<String> ids = new ArrayList<>();
    await(activityId + " failed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      ids.clear();
      for (JsonNode job : renewals.sendJson(node, "GET", "/engine-rest/job?activityId=" + activityId
          + "&withException=true", null)) {
        ids.add(job.path("id").asText());
      }
      return ids.size() == RENEWALS;
    });
    return new ArrayList<>(ids);
  }

  private List<Integer> retries(List<String> jobs) {
    return jobs.stream().map(id -> renewals.sendJson(node, "GET", "/engine-rest/job/" + id, null)
        .path("retries").asInt()).toList();
  }

  private List<String> exceptionMessages(List<String> jobs) {
    return jobs.stream().map(id -> renewals.sendJson(node, "GET", "/engine-rest/job/" + id, null)
        .path("exceptionMessage").asText()).toList();
  }

  /** One retry of each job now, through the engine REST API; each must fail again (500 from the REST API). */
  private void runOnce(List<String> jobs) {
    for (String id : jobs) {
      HttpResponse<String> response = renewals.send(node, "POST", "/engine-rest/job/" + id + "/execute", null,
          "admin", AppNode.ADMIN_PASSWORD);
      assertThat(response.statusCode()).as("retry of job %s: %s", id, response.body()).isEqualTo(500);
    }
  }

  private void runUntilIncident(List<String> jobs) {
    for (int attempt = 0; attempt < 4; attempt++) {
      runOnce(jobs);
    }
    assertThat(retries(jobs)).containsOnly(0);
  }

  private void assertIncidents(String activityId, String message) {
    JsonNode incidents = renewals.sendJson(node, "GET", "/engine-rest/incident?incidentType=failedJob&activityId="
        + activityId, null);
    assertThat(incidents).hasSize(RENEWALS);
    incidents.forEach(incident -> assertThat(incident.path("incidentMessage").asText()).contains(message));
  }

  /** As an operator in Cockpit: retries set back, due now (the failed job was due hours later). */
  private void operatorRetries(List<String> jobs) {
    for (String id : jobs) {
      renewals.sendJson(node, "PUT", "/engine-rest/job/" + id + "/retries", "{\"retries\":1}");
      renewals.sendJson(node, "PUT", "/engine-rest/job/" + id + "/duedate", "{\"duedate\":null}");
    }
    JsonNode incidents = renewals.sendJson(node, "GET", "/engine-rest/incident?incidentType=failedJob", null);
    assertThat(incidents).as("setting retries resolves the incidents").isEmpty();
  }
}
