package org.namss.recert.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceLine;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.config.ModelDeployer;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.FeeLine;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.SubmissionTiming;
import org.namss.recert.security.Groups;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Analysts change rules without code": a business analyst deploys a changed decision table through the engine
 * REST API with their own account, as Camunda Modeler's deploy button does, and the running application uses it
 * from the next decision on, with no restart (R8, R28: the late fee lives in decisions/feeSchedule.dmn). Broken
 * tables are refused and the previous version keeps serving; staff cannot deploy.
 */
class AnalystRuleChangeApiTest extends ApplicationTest {

  static final int YEAR = 2026;
  static final String FEE_SCHEDULE = "decisions/feeSchedule.dmn";
  static final Path ORIGINAL = Path.of(FEE_SCHEDULE);
  static final String LATE_FEE_50 = "<outputEntry id=\"OutputEntry_LateFee_amount\"><text>50</text></outputEntry>";

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired DecisionRules rules;
  @Autowired RepositoryService repository;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final String password = "pw-" + UUID.randomUUID();
  String analyst;
  String staff;
  byte[] original;

  @BeforeEach
  void users() throws IOException {
    init(engine);
    original = Files.readAllBytes(ORIGINAL);
    assertThat(new String(original, StandardCharsets.UTF_8)).contains(LATE_FEE_50);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    analyst = user("analyst" + suffix, Groups.ANALYSTS);
    staff = user("staff" + suffix, Groups.STAFF);
  }

  /** Puts the shipped table back as the latest version: other tests in this JVM share the engine. */
  @AfterEach
  void restoreShippedTable() {
    ClockUtil.reset(); // deployment times order versions for duplicate filtering: not on a test's moved clock
    repository.createDeployment().name(ModelDeployer.DEPLOYMENT_NAME).source("recertification")
        .addInputStream(FEE_SCHEDULE, new java.io.ByteArrayInputStream(original)).deploy();
    engine.getIdentityService().deleteUser(analyst);
    engine.getIdentityService().deleteUser(staff);
  }

  @Test
  @DisplayName("R8, R28: an analyst deploys late fee 75 through the engine REST API; the next late invoice and a"
      + " renewal already running both charge 75.00, without restart")
  void analystChangesLateFee() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant anne = fixtures.cpcs("Anne", "Running", YEAR);
    fixtures.enoughForSingle(anne, YEAR);
    String anneProcess = renewals.open(anne.getId(), YEAR).orElseThrow();
    executeDueJobs(anneProcess);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(anneProcess)
        .singleResult()).isWaitingAt("EventGateway_AwaitApplication");

    setClock(LocalDate.of(YEAR, 12, 10));
    Certificant carl = fixtures.cpcs("Carl", "Before", YEAR);
    fixtures.enoughForSingle(carl, YEAR);
    assertThat(lateFeeOfSubmission(carl)).isEqualByComparingTo("50.00");

    int feeVersion = latestDecision("feeSchedule").getVersion();
    int processVersion = latestProcess("RecertificationProcess").getVersion();
    int timingVersion = latestDecision("submissionTiming").getVersion();
    var engineBefore = engine;

    HttpResponse<String> response = deploy(analyst, changedLateFee("75"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode deployed = json.readTree(response.body());
    assertThat(deployed.path("deployedDecisionDefinitions")).hasSize(1);
    assertThat(deployed.path("deployedDecisionDefinitions").elements().next().path("key").asText())
        .isEqualTo("feeSchedule");
    assertThat(repository.getDeploymentResourceNames(deployed.path("id").asText()))
        .containsExactly(FEE_SCHEDULE);
    assertThat(latestDecision("feeSchedule").getVersion()).isEqualTo(feeVersion + 1);
    assertThat(latestDecision("submissionTiming").getVersion()).isEqualTo(timingVersion);
    assertThat(latestProcess("RecertificationProcess").getVersion()).isEqualTo(processVersion);
    String newVersion = latestDecision("feeSchedule").getId();
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionDefinitionId(newVersion)
        .count()).isZero();

    // the renewal opened before the change takes the new table at its next decision
    renewals.submit(anne, YEAR);
    executeDueJobs(anneProcess);
    Invoice anneInvoice = billing.invoicesOf(anne.getId()).get(0);
    assertThat(anneInvoice.getLines()).extracting(InvoiceLine::getFeeCode)
        .containsExactly("RECERTIFICATION_FEE", "LATE_FEE");
    assertThat(amountOf(anneInvoice, "LATE_FEE")).isEqualByComparingTo("75.00");
    assertThat(amountOf(anneInvoice, "LATE_FEE").scale()).isEqualTo(2);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(anneProcess)
        .singleResult()).hasPassed("BusinessRuleTask_DecideTiming", "ServiceTask_PlaceInvoice");

    // and the next late renewal too
    Certificant bob = fixtures.cpcs("Bob", "After", YEAR);
    fixtures.enoughForSingle(bob, YEAR);
    assertThat(lateFeeOfSubmission(bob)).isEqualByComparingTo("75.00");
    assertThat(engine).isSameAs(engineBefore);
  }

  @Test
  @DisplayName("R28: a table with FEEL that does not parse in an input entry is refused with the parse error;"
      + " the late fee stays 50")
  void invalidFeelIsRefused() throws Exception {
    int feeVersion = latestDecision("feeSchedule").getVersion();
    String broken = new String(changedLateFee("75"), StandardCharsets.UTF_8).replace(
        "<inputEntry id=\"InputEntry_LateFee_timing\"><text>\"LATE\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_LateFee_timing\"><text>\"LATE</text></inputEntry>");
    assertThat(broken).contains("<text>\"LATE</text>");

    HttpResponse<String> response = deploy(analyst, broken.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(FEE_SCHEDULE).contains("Rule_LateFee").contains("Submission timing")
        .contains("FEEL does not parse").contains("\\\"LATE");
    assertPreviousVersionServes(feeVersion);
  }

  @Test
  @DisplayName("An expression in another language than FEEL (JUEL can call any bean) is refused wherever it is; the"
      + " late fee stays 50")
  void onlyFeelIsAccepted() throws Exception {
    int feeVersion = latestDecision("feeSchedule").getVersion();
    String juelOutput = new String(changedLateFee("75"), StandardCharsets.UTF_8).replace(
        "<outputEntry id=\"OutputEntry_LateFee_amount\"><text>75</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_LateFee_amount\" expressionLanguage=\"juel\"><text>${75}</text></outputEntry>");
    String scriptInput = new String(changedLateFee("75"), StandardCharsets.UTF_8).replace(
        "<inputEntry id=\"InputEntry_LateFee_timing\"><text>\"LATE\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_LateFee_timing\" expressionLanguage=\"javascript\">"
            + "<text>true</text></inputEntry>");
    assertThat(juelOutput).contains("expressionLanguage=\"juel\"");
    assertThat(scriptInput).contains("expressionLanguage=\"javascript\"");

    for (String table : List.of(juelOutput, scriptInput)) {
      HttpResponse<String> response = deploy(analyst, table.getBytes(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).contains(FEE_SCHEDULE).contains("only FEEL is accepted")
          .containsAnyOf("'OutputEntry_LateFee_amount' ('juel')", "'InputEntry_LateFee_timing' ('javascript')");
    }
    assertPreviousVersionServes(feeVersion);
  }

  @Test
  @DisplayName("FEEL cannot call Java: a table with an external (Java) function is refused; no Java method ran")
  void feelRunsNoJava() throws Exception {
    String key = "analystExternal" + UUID.randomUUID().toString().replaceAll("[^a-z]", "");
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs_%1$s" name="External" namespace="test">
          <decision id="%1$s" name="External" camunda:historyTimeToLive="P1D">
            <decisionTable id="table_%1$s">
              <input id="in_%1$s"><inputExpression id="expr_%1$s" typeRef="integer"><text>x</text></inputExpression>
              </input>
              <output id="out_%1$s" name="y" typeRef="string"/>
              <rule id="rule_%1$s">
                <inputEntry id="ie_%1$s"><text>-</text></inputEntry>
                <outputEntry id="oe_%1$s"><text>(function(k, v) external {java: {class: "java.lang.System",
                  method signature: "setProperty(java.lang.String, java.lang.String)"}})("%1$s", "ran")</text>
                </outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key);
    HttpResponse<String> deployed = deploy(analyst, dmn.getBytes(StandardCharsets.UTF_8));

    // feel-engine 1.19.5 does not parse external functions at all: the check refuses the table
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(400);
    assertThat(deployed.body()).contains("FEEL does not parse").contains("external");
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count()).isZero();
    assertThat(System.getProperty(key)).as("the Java method did not run").isNull();
  }

  @Test
  @DisplayName("R28: a table with a rule missing an output entry is refused with the engine's message;"
      + " the late fee stays 50")
  void missingOutputEntryIsRefused() throws Exception {
    int feeVersion = latestDecision("feeSchedule").getVersion();
    String broken = new String(changedLateFee("75"), StandardCharsets.UTF_8)
        .replace("<outputEntry id=\"OutputEntry_LateFee_amount\"><text>75</text></outputEntry>", "");
    assertThat(broken).doesNotContain("OutputEntry_LateFee_amount");

    HttpResponse<String> response = deploy(analyst, broken.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(FEE_SCHEDULE).contains("Rule_LateFee")
        .contains("1 output entries for 2 outputs").contains("DMN-");
    assertPreviousVersionServes(feeVersion);
  }

  @Test
  @DisplayName("Staff (not analysts) are forbidden to deploy (403); no or wrong credentials are refused (401)")
  void onlyAnalystsDeploy() throws Exception {
    int feeVersion = latestDecision("feeSchedule").getVersion();
    byte[] changed = changedLateFee("75");

    assertThat(deploy(staff, changed).statusCode()).isEqualTo(403);
    assertThat(send(multipart(changed), null).statusCode()).isEqualTo(401);
    assertThat(send(multipart(changed), basic(analyst, "wrong-" + password)).statusCode()).isEqualTo(401);

    assertThat(latestDecision("feeSchedule").getVersion()).isEqualTo(feeVersion);
    assertThat(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS))
        .contains(new FeeLine("LATE_FEE", new BigDecimal("50.00")));
  }

  @Test
  @DisplayName("Commit and restart: ModelDeployer on a folder whose feeSchedule changed deploys a new version of"
      + " that decision only; an unchanged folder deploys nothing")
  void restartWithChangedFolder(@TempDir Path folder) throws Exception {
    for (String sub : List.of("processes", "decisions", "forms")) {
      Files.createDirectories(folder.resolve(sub));
      try (Stream<Path> files = Files.list(Path.of(sub))) {
        for (Path file : files.toList()) {
          Files.copy(file, folder.resolve(sub).resolve(file.getFileName()));
        }
      }
    }
    Files.write(folder.resolve(FEE_SCHEDULE), changedLateFee("75"));
    Map<String, Integer> before = versions();

    Deployment deployment = new ModelDeployer(repository, folder.toString()).deploy();

    assertThat(deployment).isNotNull();
    assertThat(repository.getDeploymentResourceNames(deployment.getId())).containsExactly(FEE_SCHEDULE);
    Map<String, Integer> after = versions();
    before.forEach((key, version) -> assertThat(after.get(key)).as(key)
        .isEqualTo(key.equals("decision:feeSchedule") ? version + 1 : version));
    assertThat(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS))
        .contains(new FeeLine("LATE_FEE", new BigDecimal("75.00")));

    assertThat(new ModelDeployer(repository, folder.toString()).deploy()).as("unchanged restart").isNull();
    assertThat(versions()).isEqualTo(after);
  }

  // ---- helpers ----

  private void assertPreviousVersionServes(int feeVersion) {
    assertThat(latestDecision("feeSchedule").getVersion()).isEqualTo(feeVersion);
    assertThat(repository.createDeploymentQuery().count()).isPositive();
    setClock(LocalDate.of(YEAR, 12, 10));
    Certificant dora = fixtures.cpcs("Dora", "Late", YEAR);
    fixtures.enoughForSingle(dora, YEAR);
    assertThat(lateFeeOfSubmission(dora)).isEqualByComparingTo("50.00");
  }

  /** Submits (the renewal is opened on the way), runs the process to the invoice and returns its late fee. */
  private BigDecimal lateFeeOfSubmission(Certificant certificant) {
    RecertApplication application = renewals.submit(certificant, YEAR);
    executeDueJobs(application.getProcessInstanceId());
    List<Invoice> invoices = billing.invoicesOf(certificant.getId());
    assertThat(invoices).hasSize(1);
    return amountOf(invoices.get(0), "LATE_FEE");
  }

  private static BigDecimal amountOf(Invoice invoice, String feeCode) {
    return invoice.getLines().stream().filter(l -> l.getFeeCode().equals(feeCode)).map(InvoiceLine::getAmount)
        .findFirst().orElseThrow(() -> new AssertionError("no " + feeCode + " on " + invoice.getInvoiceNumber()));
  }

  private byte[] changedLateFee(String amount) {
    String text = new String(original, StandardCharsets.UTF_8);
    return text.replace(LATE_FEE_50, LATE_FEE_50.replace("<text>50</text>", "<text>" + amount + "</text>"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Integer> versions() {
    var result = new java.util.TreeMap<String, Integer>();
    repository.createDecisionDefinitionQuery().latestVersion().list()
        .forEach(d -> result.put("decision:" + d.getKey(), d.getVersion()));
    repository.createProcessDefinitionQuery().latestVersion().list()
        .forEach(p -> result.put("process:" + p.getKey(), p.getVersion()));
    return result;
  }

  private DecisionDefinition latestDecision(String key) {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
  }

  private ProcessDefinition latestProcess(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private String user(String id, String group) {
    User user = engine.getIdentityService().newUser(id);
    user.setFirstName(id);
    user.setLastName("Test");
    user.setEmail(id + "@example.org");
    user.setPassword(password);
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(id, group);
    return id;
  }

  /** What Camunda Modeler's deploy button sends, with the analyst's account (HTTP Basic). */
  private HttpResponse<String> deploy(String userId, byte[] dmn) throws Exception {
    return send(multipart(dmn), basic(userId, password));
  }

  private static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(Multipart body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + body.boundary())
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private record Multipart(String boundary, byte[] bytes) {}

  private static Multipart multipart(byte[] dmn) throws IOException {
    String boundary = "----recert" + UUID.randomUUID();
    var out = new ByteArrayOutputStream();
    for (var field : List.of(Map.entry("deployment-name", ModelDeployer.DEPLOYMENT_NAME),
        Map.entry("deployment-source", "Camunda Modeler"),
        Map.entry("enable-duplicate-filtering", "true"),
        Map.entry("deploy-changed-only", "true"))) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + FEE_SCHEDULE + "\"; filename=\""
        + FEE_SCHEDULE + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.write(dmn);
    out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart(boundary, out.toByteArray());
  }
}
