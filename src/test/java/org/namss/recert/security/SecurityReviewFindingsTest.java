package org.namss.recert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.certificant.Certificant;

/**
 * Findings of the security, authorization and bad-input review (branch review-sec). Each test fails on the code as
 * reviewed and passes once the finding is fixed.
 */
class SecurityReviewFindingsTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @org.springframework.beans.factory.annotation.Autowired org.namss.recert.renewal.RenewalService renewals;

  @org.springframework.beans.factory.annotation.Autowired org.namss.recert.billing.BillingService billing;
  @org.springframework.beans.factory.annotation.Autowired org.namss.recert.renewal.CardPayments cardPayments;
  @org.springframework.beans.factory.annotation.Autowired
  org.namss.recert.certificant.CertificantService certificantService;

  Certificant jane;

  @BeforeEach
  void aCertificant() {
    setClock(LocalDate.of(YEAR, 9, 10));
    jane = fixtures.cpcs("Jane", "Doe", YEAR);
    fixtures.credits(jane, LocalDate.of(2025, 3, 1), "8", true);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 1. The e-mail lock (R2) only holds for members of "certificants": the payment service account (and operations,
  //    analysts, any user outside "certificants") sets its own e-mail to a certificant's address through the engine
  //    REST API and then reads (and acts on) that certificant's record through /api.
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R2: the payment service account cannot take a certificant's address as its e-mail and so read them")
  void paymentServiceCannotTakeACertificantsAddress() {
    Caller provider = newUser(Groups.PAYMENT_SERVICE, null);
    assertThat(get("/api/certificants/" + jane.getNumber(), provider).status()).isEqualTo(404);

    Response changed = putProfile(provider, provider.userId(), "Payment", "Service", jane.primaryEmail());

    assertThat(get("/api/certificants/" + jane.getNumber() + "/ce-activities", provider).status())
        .as("the payment service reads Jane's CE after setting its e-mail to hers (profile change answered %s)",
            changed)
        .isEqualTo(404);
    assertThat(changed.status()).as("%s", changed).isEqualTo(403);
  }

  @Test
  @DisplayName("R2: an operations or analyst account cannot take a certificant's address as its e-mail either")
  void otherGroupsCannotTakeACertificantsAddress() {
    for (String group : new String[] {Groups.OPERATIONS, Groups.ANALYSTS}) {
      Caller caller = newUser(group, null);
      Response changed = putProfile(caller, caller.userId(), "Some", "One", jane.primaryEmail());

      assertThat(get("/api/certificants/" + jane.getNumber(), caller).status())
          .as("%s reads Jane's record after setting its e-mail to hers (profile change answered %s)", group, changed)
          .isEqualTo(404);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. businessAnalysts "deploy and read decisions", but their DEPLOYMENT CREATE on ANY accepts any resource: a BPMN
  //    with the key RecertificationProcess becomes the latest version every renewal opened from then on runs.
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("businessAnalysts may deploy decisions only: a BPMN process (a new RecertificationProcess) is refused")
  void analystCannotDeployAProcess() {
    Caller analyst = newUser(Groups.ANALYSTS, null);
    int before = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("RecertificationProcess").latestVersion().singleResult().getVersion();
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_hijack" targetNamespace="http://namss.org/x">
          <bpmn:process id="RecertificationProcess" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
            <bpmn:serviceTask id="approve" camunda:expression="${true}"/>
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
    Multipart deployment = new Multipart()
        .part("deployment-name", null, null, ("analyst-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8))
        .part("data", "processes/RecertificationProcess.bpmn", "application/octet-stream",
            bpmn.getBytes(StandardCharsets.UTF_8));

    Response deployed = postMultipart("/engine-rest/deployment/create", analyst, deployment);

    int after = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("RecertificationProcess").latestVersion().singleResult().getVersion();
    assertThat(after).as("latest RecertificationProcess version after the analyst's deploy (%s)", deployed)
        .isEqualTo(before);
    assertThat(deployed.status()).as("%s", deployed).isIn(400, 403);
  }

  @Test
  @DisplayName("businessAnalysts' decision tables cannot run code: a JUEL entry calling a bean is refused, the "
      + "analyst does not become an administrator")
  void analystDecisionCannotRunCode() {
    Caller analyst = newUser(Groups.ANALYSTS, null);
    String key = "analystJuel" + UUID.randomUUID().toString().replaceAll("[^a-z]", "");
    String grant = "jdbcTemplate.update(\"insert into ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) values ('"
        + analyst.userId() + "', 'camunda-admin')\")";
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs_%1$s" name="Analyst test"
            namespace="http://namss.org/test">
          <decision id="%1$s" name="Analyst test decision" camunda:historyTimeToLive="P30D">
            <decisionTable id="table_%1$s">
              <input id="in_%1$s" label="Credits">
                <inputExpression id="expr_%1$s" typeRef="double"><text>credits</text></inputExpression>
              </input>
              <output id="out_%1$s" label="Enough" name="enough" typeRef="integer"/>
              <rule id="rule_%1$s">
                <inputEntry id="ie_%1$s"><text>&gt;= 30</text></inputEntry>
                <outputEntry id="oe_%1$s" expressionLanguage="juel"><text>${%2$s}</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, grant);
    Response deployed = postMultipart("/engine-rest/deployment/create", analyst, new Multipart()
        .part("deployment-name", null, null, ("analyst-" + key).getBytes(StandardCharsets.UTF_8))
        .part("data", key + ".dmn", "application/octet-stream", dmn.getBytes(StandardCharsets.UTF_8)));
    Response evaluated = postJson("/engine-rest/decision-definition/key/" + key + "/evaluate", analyst,
        "{\"variables\":{\"credits\":{\"value\":31,\"type\":\"Double\"}}}");

    assertThat(identityService.createUserQuery().memberOfGroup(IdentitySetup.ADMIN_GROUP).userId(analyst.userId())
        .count()).as("analyst in camunda-admin after deploy (%s) and evaluate (%s)", deployed, evaluated).isZero();
    assertThat(deployed.status()).as("%s", deployed).isEqualTo(400);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 3. Staff start forms through the engine REST API: what Tasklist's form would require is not checked by the engine
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("docs/recertification.md: the renewal's start form through engine REST refuses a renewal already open "
      + "(400) and starts no second instance, also without the day of an application")
  void renewalStartFormRefusesARenewalAlreadyOpen() {
    setClock(LocalDate.of(YEAR, 8, 1).atTime(6, 0));
    String open = renewals.open(jane.getId(), YEAR).orElseThrow();
    executeDueJobs(open);
    setClock(LocalDate.of(YEAR, 9, 10));
    Caller staff = newUser(Groups.STAFF, null);

    Response started = postJson("/engine-rest/process-definition/key/RecertificationProcess/submit-form", staff,
        "{\"variables\":{\"certificantNumber\":{\"value\":\"" + jane.getNumber() + "\",\"type\":\"String\"},"
            + "\"renewalYear\":{\"value\":" + YEAR + ",\"type\":\"Long\"}}}");

    long instances = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("RecertificationProcess")
        .processInstanceBusinessKey(jane.getNumber() + "-" + YEAR).count();
    assertThat(instances).as("renewal instances of %s-%s after the staff start (%s)", jane.getNumber(), YEAR,
        started).isEqualTo(1);
    assertThat(started.status()).as("%s", started).isEqualTo(400);
  }

  @Test
  @DisplayName("R25: a second renewal instance started by staff through engine REST does not lapse a certificant "
      + "whose real renewal is paid and in review")
  void strayRenewalStartDoesNotLapseACertificantInReview() {
    setClock(LocalDate.of(YEAR, 8, 1).atTime(6, 0));
    String open = renewals.open(jane.getId(), YEAR).orElseThrow();
    executeDueJobs(open);
    setClock(LocalDate.of(YEAR, 9, 10));
    Caller staff = newUser(Groups.STAFF, null);
    Response started = postJson("/engine-rest/process-definition/key/RecertificationProcess/submit-form", staff,
        "{\"variables\":{\"certificantNumber\":{\"value\":\"" + jane.getNumber() + "\",\"type\":\"String\"},"
            + "\"renewalYear\":{\"value\":" + YEAR + ",\"type\":\"Long\"}}}");
    // Jane's real renewal: submitted, paid by card, waiting at the review (R16)
    fixtures.enoughForSingle(jane, YEAR);
    renewals.submit(jane, YEAR);
    executeDueJobs(open);
    var invoice = billing.invoicesOf(jane.getId()).get(0);
    cardPayments.confirm(jane, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_" + invoice.getInvoiceNumber(),
        "test");
    executeDueJobs(open);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(open).singleResult()
        .getTaskDefinitionKey()).isEqualTo("UserTask_ReviewApplication");

    setClock(LocalDate.of(YEAR + 1, 1, 2));
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("RecertificationProcess")
        .processInstanceBusinessKey(jane.getNumber() + "-" + YEAR).list().stream()
        .filter(i -> !i.getId().equals(open)).forEach(i -> executeDueJobs(i.getId()));

    assertThat(certificantService.get(jane.getId()).getCertifications())
        .as("Jane's certification while her paid renewal waits for review (staff start answered %s)", started)
        .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(org.namss.recert.certificant.CertificationStatus.ACTIVE));
  }

  @Test
  @DisplayName("R8: the e-mailed application's start form answers a malformed 'received on' day with 400, not 500")
  void emailedApplicationWithAMalformedDayIs400() {
    Caller staff = newUser(Groups.STAFF, null);
    for (String day : new String[] {"12/01/2026", "2026-1-5", ""}) {
      Response started = postJson("/engine-rest/process-definition/key/EmailedApplicationProcess/submit-form", staff,
          "{\"variables\":{\"certificantNumber\":{\"value\":\"" + jane.getNumber() + "\",\"type\":\"String\"},"
              + "\"renewalYear\":{\"value\":" + YEAR + ",\"type\":\"Long\"},"
              + "\"submittedOn\":{\"value\":\"" + day + "\",\"type\":\"String\"}}}");

      assertThat(started.status()).as("received on '%s': %s", day, started).isEqualTo(400);
    }
  }

  @AfterEach
  void removeAnalystDeployments() {
    // a hijacked RecertificationProcess must not stay the latest version for the other tests of this context
    engine.getRepositoryService().createDeploymentQuery().deploymentNameLike("analyst-%").list()
        .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true, true));
    jdbc.update("delete from ACT_ID_MEMBERSHIP where GROUP_ID_ = 'camunda-admin' and USER_ID_ like 'businessAnalysts%'");
  }

  private Response putProfile(Caller caller, String userId, String firstName, String lastName, String email) {
    String profile = toJson(Map.of("id", userId, "firstName", firstName, "lastName", lastName, "email", email));
    return send("PUT", "/engine-rest/user/" + userId + "/profile", caller, "application/json",
        profile.getBytes(StandardCharsets.UTF_8));
  }
}
