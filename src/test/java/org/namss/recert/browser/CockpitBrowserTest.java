package org.namss.recert.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.renewal.CardPayments;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.security.Groups;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** Operations handle a failed Credly call in Camunda Cockpit, in a real browser (R19). */
class CockpitBrowserTest extends BrowserTestBase {

  static final int YEAR = 2026;
  static final String PASSWORD = "operator-browser-password";
  static final String BADGES = "/v1/organizations/org-42/badges";

  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired CardPayments cardPayments;

  @BeforeEach
  void initAssertions() {
    init(engine);
  }

  @Test
  @DisplayName("R19: an operator finds the Credly incident in Cockpit, retries it after Credly recovers; one badge")
  void operatorRetriesCredlyIncidentInCockpit() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant cid = fixtures.cpcs("Cid", "Incident", YEAR);
    fixtures.enoughForSingle(cid, YEAR);
    String pid = renewals.open(cid.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(cid, YEAR);
    executeDueJobs(pid);
    Invoice invoice = billing.invoicesOf(cid.getId()).get(0);
    cardPayments.confirm(cid, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_cockpit", "cid");
    executeDueJobs(pid);

    // Credly fails: the badge job runs until its retries are exhausted and an incident is raised
    TestServers.credly().stubFor(post(BADGES).willReturn(aResponse().withStatus(500).withBody("{}")));
    String review = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult().getId();
    engine.getTaskService().complete(review, Map.of("reviewOutcome", "APPROVE"));
    ManagementService management = engine.getManagementService();
    Job badgeJob = management.createJobQuery().processInstanceId(pid).activityId("ServiceTask_IssueBadge")
        .singleResult();
    for (int attempt = 0; attempt < 10 && badgeJob.getRetries() > 0; attempt++) {
      try {
        management.executeJob(badgeJob.getId());
      } catch (RuntimeException expected) {
        // Credly answered 500: the engine counts the retry down
      }
      badgeJob = management.createJobQuery().jobId(badgeJob.getId()).singleResult();
    }
    assertThat(badgeJob.getRetries()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).list())
        .singleElement().satisfies(i -> assertThat(i.getActivityId()).isEqualTo("ServiceTask_IssueBadge"));
    int failedCalls = TestServers.credly().findAll(postRequestedFor(urlEqualTo(BADGES))).size();
    assertThat(failedCalls).isGreaterThan(1);

    String operator = createUser("operator", PASSWORD, Groups.OPERATIONS);
    login("cockpit", operator, PASSWORD);

    // the process list shows the recertification process with its running instance and its incident
    click(By.cssSelector("[cam-widget-header] a[href='#/processes']"));
    WebElement row = visible(By.xpath("//tr[.//a[starts-with(@href,'#/process-definition/RecertificationProcess')]]"));
    assertThat(row.getText()).contains("RecertificationProcess", "Recertification");
    click(row.findElement(By.cssSelector("a[href^='#/process-definition/RecertificationProcess']")));

    // the definition's instance list leads to the instance; its incidents tab shows the failed badge job
    click(By.cssSelector("a[title='" + pid + "']"));
    selectTab("Incidents");
    WebElement incident = visible(By.cssSelector("table.incidents-tab tbody tr"));
    assertThat(incident.getText()).contains("Credly answered 500", "Issue Credly badge");

    // Credly is back; the operator increments the retries in Cockpit
    TestServers.credly().resetMappings();
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-9\"}}").withStatus(201)));
    click(incident.findElement(By.cssSelector("a[ng-click='openJobRetryDialog(incident)']")));
    click(clickable(By.cssSelector(".modal button[ng-click='incrementRetry()']")));
    String jobId = badgeJob.getId();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> management.createJobQuery().jobId(jobId).singleResult().getRetries() > 0);

    // the job executor is off in tests: the job the UI released is run here, as the executor would
    management.executeJob(jobId);
    executeDueJobs(pid);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid)
        .singleResult().getState()).isEqualTo("COMPLETED");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("EndEvent_Recertified").count()).isOne();
    long successfulPosts = TestServers.credly().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(BADGES) && e.getRequest().getMethod().getName().equals("POST"))
        .map(ServeEvent::getResponse).filter(r -> r.getStatus() == 201).count();
    assertThat(successfulPosts).isOne();
    TestServers.credly().verify(failedCalls + 1, postRequestedFor(urlEqualTo(BADGES)));

    // and Cockpit no longer lists it
    driver.navigate().refresh();
    selectTab("Incidents");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.incidents-tab tbody tr"), 0));
  }
}
