package org.namss.recert.security;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.renewal.CardPayments;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may call what (README "Groups and rights"): everything is closed without credentials except the health
 * probe and the good-standing lookup (R17); each group gets what its work needs and is refused the next thing.
 */
class GroupAuthorizationApiTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired CardPayments cardPayments;

  Certificant jane;
  String pid;
  Task review;

  /**
   * The engine REST API finds its engine by name in Camunda's static registry. When the H2 and the PostgreSQL
   * test contexts are both alive in this JVM, both engines are named "default" and the later one registered
   * would answer the other context's calls; this puts this context's engine back under its name.
   */
  @BeforeEach
  void thisContextsEngineAnswersEngineRest() {
    ProcessEngines.registerProcessEngine(engine);
  }

  /** A renewal paid by card and waiting at the staff's review task (R16), with its escalation timer. */
  void renewalAtReview() {
    Invoice invoice = renewalAwaitingPayment();
    // a card reference pays one invoice once (V4): this class's renewals share the database with other tests
    cardPayments.confirm(jane, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_" + invoice.getInvoiceNumber(),
        "jane");
    executeDueJobs(pid);
    review = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("UserTask_ReviewApplication");
  }

  /** Jane's renewal, submitted: its invoice waits for the payment (card, or check at the staff's task). */
  Invoice renewalAwaitingPayment() {
    TestServers.credly().stubFor(post("/v1/organizations/org-42/badges")
        .willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
    setClock(LocalDate.of(YEAR, 11, 20));
    jane = fixtures.cpcs("Jane", "Doe", YEAR);
    pid = submitted(jane);
    return billing.invoicesOf(jane.getId()).get(0);
  }

  /** Opens the certificant's renewal (30 credits, R5) and submits the application; returns the process instance. */
  String submitted(Certificant certificant) {
    fixtures.enoughForSingle(certificant, YEAR);
    String id = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(id);
    renewals.submit(certificant, YEAR);
    executeDueJobs(id);
    return id;
  }

  static Stream<Arguments> closedWithoutCredentials() {
    return Stream.of(
        Arguments.of("GET", "/api/certificants/12345"),
        Arguments.of("GET", "/api/certificants?email=jane%40example.org"),
        Arguments.of("POST", "/api/certificants"),
        Arguments.of("GET", "/api/certificants/12345/ce-progress"),
        Arguments.of("POST", "/api/certificants/12345/applications"),
        Arguments.of("GET", "/api/outbox"),
        Arguments.of("GET", "/api/badges"),
        Arguments.of("POST", "/api/renewals"),
        Arguments.of("GET", "/actuator/metrics"),
        Arguments.of("GET", "/actuator/prometheus"),
        Arguments.of("GET", "/engine-rest/process-definition"),
        Arguments.of("POST", "/engine-rest/deployment/create"),
        Arguments.of("GET", "/engine-rest/task"),
        Arguments.of("GET", "/engine-rest/user"),
        Arguments.of("GET", "/camunda/api/engine/engine/default/process-definition"),
        Arguments.of("GET", "/camunda/api/engine/engine/default/task/count"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("closedWithoutCredentials")
  @DisplayName("Without credentials the API, actuator, engine REST and webapp APIs answer 401")
  void closedWithoutCredentials(String method, String path) {
    Response response = send(method, path, Caller.ANONYMOUS, "application/json", method.equals("GET") ? null
        : "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as("%s %s -> %s", method, path, response).isEqualTo(401);
    assertThat(response.body()).doesNotContain("certificant_number").doesNotContain("processDefinition");
  }

  @Test
  @DisplayName("The engine listing /engine-rest/engine needs credentials too")
  void engineListingNeedsCredentials() {
    assertThat(get("/engine-rest/engine", Caller.ANONYMOUS).status()).isEqualTo(401);
    assertThat(get("/engine-rest/engine", new Caller("admin", "wrong")).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("Open: the health probe, the good-standing lookup (R17) and the webapps' login page; a wrong password is 401")
  void openAndWrongPassword() {
    renewalAtReview();
    assertThat(get("/actuator/health", Caller.ANONYMOUS).status()).isEqualTo(200);
    Response standing = get("/api/good-standing/" + jane.getNumber(), Caller.ANONYMOUS);
    assertThat(standing.status()).isEqualTo(200);
    assertThat(standing.json().path("inGoodStanding").asBoolean()).isTrue();
    Response login = get("/camunda/app/tasklist/default/", Caller.ANONYMOUS);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.contentType()).contains("text/html");

    Caller staff = newUser(Groups.STAFF, null);
    assertThat(get("/api/certificants/" + jane.getNumber(), staff).status()).isEqualTo(200);
    assertThat(get("/engine-rest/engine", staff).status()).isEqualTo(200);
    // (after a wrong password Camunda also delays the user's next log-in: the right password is checked first)
    Caller wrong = new Caller(staff.userId(), staff.password() + "x");
    assertThat(get("/api/certificants/" + jane.getNumber(), wrong).status()).isEqualTo(401);
    assertThat(get("/engine-rest/task", wrong).status()).isEqualTo(401);
    assertThat(get("/engine-rest/task", new Caller("nosuchuser", "whatever")).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("certificationStaff: list and complete the review task via engine REST, use the API for anyone; not deploy")
  void certificationStaff() {
    renewalAtReview();
    Caller staff = newUser(Groups.STAFF, null);

    JsonNode tasks = get("/engine-rest/task?processInstanceId=" + pid, staff).json();
    assertThat(tasks).extracting(t -> t.path("id").asText()).containsExactly(review.getId());
    assertThat(get("/api/certificants/" + jane.getNumber(), staff).status()).isEqualTo(200);

    Response deploy = deployDmn(staff);
    assertThat(deploy.status()).as("%s", deploy).isEqualTo(403);

    Response completed = postJson("/engine-rest/task/" + review.getId() + "/complete", staff,
        "{\"variables\":{\"reviewOutcome\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}");
    assertThat(completed.status()).as("%s", completed).isIn(200, 204);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult()
        .getEndTime()).isNotNull();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("UserTask_ReviewApplication").finished().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("businessAnalysts: deploy a DMN and read decision definitions; see no task and no variables")
  void businessAnalysts() {
    renewalAtReview();
    Caller analyst = newUser(Groups.ANALYSTS, null);

    String key = "analystTest" + UUID.randomUUID().toString().replaceAll("[^a-z]", "");
    Response deploy = deployDmn(analyst, key);
    assertThat(deploy.status()).as("%s", deploy).isEqualTo(200);
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(key).count())
        .isEqualTo(1);
    JsonNode decisions = get("/engine-rest/decision-definition?key=feeSchedule", analyst).json();
    assertThat(decisions).isNotEmpty();

    assertThat(get("/engine-rest/task?processInstanceId=" + pid, analyst).json()).isEmpty();
    assertThat(get("/engine-rest/task/" + review.getId(), analyst).status()).isIn(403, 404);
    assertThat(get("/engine-rest/process-instance/" + pid + "/variables", analyst).status()).isEqualTo(403);
    assertThat(get("/api/certificants/" + jane.getNumber(), analyst).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("operations: read instances and incidents, set job retries; not complete tasks")
  void operations() {
    renewalAtReview();
    Caller ops = newUser(Groups.OPERATIONS, null);
    String executionId = review.getExecutionId();
    engine.getRuntimeService().createIncident("recertTestIncident", executionId, "test", "made by the test");
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(pid).timers().list().get(0);

    assertThat(get("/engine-rest/process-instance?processInstanceIds=" + pid, ops).json())
        .extracting(i -> i.path("id").asText()).containsExactly(pid);
    assertThat(get("/engine-rest/incident?processInstanceId=" + pid, ops).json())
        .extracting(i -> i.path("incidentType").asText()).containsExactly("recertTestIncident");
    Response retries = send("PUT", "/engine-rest/job/" + timer.getId() + "/retries", ops, "application/json",
        "{\"retries\":7}".getBytes(StandardCharsets.UTF_8));
    assertThat(retries.status()).as("%s", retries).isEqualTo(204);
    assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult().getRetries())
        .isEqualTo(7);
    assertThat(get("/actuator/metrics", ops).status()).isEqualTo(200);

    Response complete = postJson("/engine-rest/task/" + review.getId() + "/complete", ops,
        "{\"variables\":{\"reviewOutcome\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}");
    assertThat(complete.status()).as("%s", complete).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
    assertThat(deployDmn(ops).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("operations (docs/operations.md, incidents step 5): cancel a renewal that must not continue, as Cockpit "
      + "does; staff may not")
  void operationsCancelAnInstance() {
    renewalAtReview();
    Caller ops = newUser(Groups.OPERATIONS, null);
    Caller staff = newUser(Groups.STAFF, null);

    Response byStaff = send("DELETE", "/engine-rest/process-instance/" + pid, staff, null, null);
    assertThat(byStaff.status()).as("%s", byStaff).isEqualTo(403);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).count()).isEqualTo(1);

    Response cancelled = send("DELETE", "/engine-rest/process-instance/" + pid + "?skipCustomListeners=true", ops,
        null, null);
    assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(204);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid)
        .singleResult().getState()).isEqualTo("EXTERNALLY_TERMINATED");
  }

  @Test
  @DisplayName("certificants (R2): a user whose e-mail is one of a certificant's reads that certificant, another is 404")
  void certificantUser() {
    renewalAtReview();
    Caller janeUser = newUser(Groups.CERTIFICANTS, jane.primaryEmail().toUpperCase());
    Certificant other = fixtures.cpcs("Otto", "Other", YEAR);

    Response own = get("/api/certificants/" + jane.getNumber(), janeUser);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("number").asText()).isEqualTo(jane.getNumber());
    Response others = get("/api/certificants/" + other.getNumber(), janeUser);
    Response unknown = get("/api/certificants/NOPE" + other.getNumber(), janeUser);
    assertThat(others.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(others.detail().replace(other.getNumber(), "N"))
        .isEqualTo(unknown.detail().replace("NOPE" + other.getNumber(), "N"));
    assertThat(get("/api/certificants/" + other.getNumber() + "/ce-progress", janeUser).status()).isEqualTo(404);

    assertThat(get("/engine-rest/task", janeUser).json()).isEmpty();
    assertThat(get("/engine-rest/process-instance/" + pid + "/variables", janeUser).status()).isEqualTo(403);
    assertThat(get("/actuator/metrics", janeUser).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("Card payments: the payment provider's account and staff confirm them; a certificant may not, not even "
      + "with the exact total (403, the invoice stays open), and someone else's number is 404")
  void cardPaymentsOnlyFromTheProviderAndStaff() {
    Invoice invoice = renewalAwaitingPayment();
    Certificant other = fixtures.cpcs("Otto", "Other", YEAR);
    Caller janeUser = newUser(Groups.CERTIFICANTS, jane.primaryEmail());
    String madeUp = "{\"amount\":" + invoice.getTotal().toPlainString() + ",\"cardReference\":\"ch_made_up\"}";
    Map<String, Long> before = snapshot();

    assertProblem(postJson(cardPayment(jane, invoice), janeUser, madeUp), 403, "payment provider");
    assertProblem(postJson(cardPayment(other, invoice), janeUser, madeUp), 404, "No certificant with number");
    assertThat(snapshot()).isEqualTo(before);
    assertThat(billing.invoice(invoice.getId()).getStatus()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(billing.paymentsOf(invoice.getId())).isEmpty();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult()
        .getTaskDefinitionKey()).isEqualTo("UserTask_RecordCheckPayment");

    // the payment provider's integration: the payment, recorded as the provider's; the renewal goes to review
    Caller provider = newUser(Groups.PAYMENT_SERVICE, null);
    Response paid = postJson(cardPayment(jane, invoice), provider, Map.of("amount", invoice.getTotal(),
        "cardReference", "ch_" + invoice.getInvoiceNumber()));
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    assertThat(paid.json().path("status").asText()).isEqualTo("PAID");
    assertThat(billing.paymentsOf(invoice.getId())).singleElement()
        .satisfies(p -> assertThat(p.getRecordedBy()).isEqualTo(provider.userId()));
    executeDueJobs(pid);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult()
        .getTaskDefinitionKey()).isEqualTo("UserTask_ReviewApplication");
    // and nothing else: no certificant to read, no task, no process data (no Camunda rights: IdentitySetupTest)
    assertThat(get("/api/certificants/" + jane.getNumber(), provider).status()).isEqualTo(404);
    assertThat(get("/engine-rest/task?processInstanceId=" + pid, provider).json()).isEmpty();
    assertThat(get("/engine-rest/process-instance/" + pid + "/variables", provider).status()).isEqualTo(403);

    // certification staff: a card payment taken by phone
    String ottoPid = submitted(other);
    Invoice ottos = billing.invoicesOf(other.getId()).get(0);
    Response byPhone = postJson(cardPayment(other, ottos), newUser(Groups.STAFF, null), Map.of("amount",
        ottos.getTotal(), "cardReference", "ch_" + ottos.getInvoiceNumber()));
    assertThat(byPhone.status()).as("%s", byPhone).isEqualTo(201);
    assertThat(byPhone.json().path("status").asText()).isEqualTo("PAID");
    executeDueJobs(ottoPid);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(ottoPid).singleResult()
        .getTaskDefinitionKey()).isEqualTo("UserTask_ReviewApplication");
  }

  private static String cardPayment(Certificant certificant, Invoice invoice) {
    return "/api/certificants/" + certificant.getNumber() + "/invoices/" + invoice.getInvoiceNumber()
        + "/card-payments";
  }

  private Response deployDmn(Caller caller) {
    return deployDmn(caller, "refusedTest" + UUID.randomUUID().toString().replaceAll("[^a-z]", ""));
  }

  private Response deployDmn(Caller caller, String key) {
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
              <output id="out_%1$s" label="Enough" name="enough" typeRef="boolean"/>
              <rule id="rule_%1$s">
                <inputEntry id="ie_%1$s"><text>&gt;= 30</text></inputEntry>
                <outputEntry id="oe_%1$s"><text>true</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key);
    Multipart multipart = new Multipart()
        .part("deployment-name", null, null, ("analyst-" + key).getBytes(StandardCharsets.UTF_8))
        .part("data", key + ".dmn", "application/xml", dmn.getBytes(StandardCharsets.UTF_8));
    return send("POST", "/engine-rest/deployment/create", caller, multipart.contentType(), multipart.bytes());
  }
}
