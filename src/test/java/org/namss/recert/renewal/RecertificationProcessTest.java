package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;

/** One renewal from the submission to the badge, path by path (R5-R19, R24, R28). */
class RecertificationProcessTest extends ApplicationTest {

  static final int YEAR = 2026;

  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired CertificantService certificants;
  @Autowired CardPayments cardPayments;

  static final String BADGES = "/v1/organizations/org-42/badges";

  @BeforeEach
  void initAssertions() {
    init(engine);
    TestServers.credly().stubFor(post(BADGES)
        .willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
  }

  @Test
  @DisplayName("R8, R16, R17, R19: submitted on time, paid by card, approved: renewed, badge issued, e-mails sent")
  void onTimeApproved() {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant jane = fixtures.cpcs("Jane", "Doe", YEAR);
    fixtures.enoughForSingle(jane, YEAR);
    String pid = renewals.open(jane.getId(), YEAR).orElseThrow();
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid)
        .singleResult();
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("EventGateway_AwaitApplication");
    assertThat(instance).hasBusinessKey(jane.getNumber() + "-" + YEAR);

    renewals.submit(jane, YEAR);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_RecordCheckPayment");
    Invoice invoice = billing.invoicesOf(jane.getId()).get(0);
    assertThat(invoice.getLines()).extracting(l -> l.getFeeCode()).containsExactly("RECERTIFICATION_FEE");

    cardPayments.confirm(jane, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_1", "jane");
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_ReviewApplication");
    assertThat(task()).hasCandidateGroup("certificationStaff");

    engine.getTaskService().complete(task().getId(), Map.of("reviewOutcome", "APPROVE"));
    executeDueJobs(pid);

    assertThat(instance).isEnded().hasPassedInOrder("BusinessRuleTask_DecideTiming", "ServiceTask_PlaceInvoice",
        "UserTask_ReviewApplication", "ServiceTask_RenewCertification", "ServiceTask_IssueBadge",
        "ServiceTask_SendApproved", "EndEvent_Recertified").hasNotPassed("ServiceTask_SendSomethingMissing");
    assertThat(certificants.get(jane.getId()).getCertifications().get(0).getStatus())
        .isEqualTo(CertificationStatus.ACTIVE);
    assertThat(certificants.get(jane.getId()).getCertifications().get(0).getRenewalYear()).isEqualTo(YEAR + 3);
    assertThat(subjectsTo(jane.primaryEmail())).hasSize(5);
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withBasicAuth(new BasicCredentials("test-credly-token", ""))
        .withRequestBody(matchingJsonPath("$.issued_to_first_name", equalTo("Jane")))
        .withRequestBody(matchingJsonPath("$.issued_to_last_name", equalTo("Doe")))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(jane.getNumber())))
        .withRequestBody(matchingJsonPath("$.badge_template_id", equalTo("template-cpcs"))));
  }
}
