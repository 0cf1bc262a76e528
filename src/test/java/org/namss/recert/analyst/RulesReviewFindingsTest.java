package org.namss.recert.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.config.ModelDeployer;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.security.Groups;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Findings of the business-analyst and rules review (branch review-rules). Each test changes a decision table the
 * way docs/analysts.md tells analysts to (engine REST deploy with an account in {@code businessAnalysts}, as Camunda
 * Modeler's deploy button does, no restart) or reads a model file, and asserts what the FAQ and docs/analysts.md
 * promise. Each FAILS on the code reviewed (8cd579c) and passes once the defect it names is fixed.
 */
class RulesReviewFindingsTest extends ApplicationTest {

  static final int YEAR = 2026;
  static final String FEE_SCHEDULE = "decisions/feeSchedule.dmn";
  static final String RENEWAL_CALENDAR = "decisions/renewalCalendar.dmn";
  static final String CREDIT_REQUIREMENT = "decisions/creditRequirement.dmn";

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired DecisionRules rules;
  @Autowired CeService ce;
  @Autowired RepositoryService repository;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final String password = "pw-" + UUID.randomUUID();
  final Map<String, byte[]> changed = new LinkedHashMap<>();
  String analyst;

  @BeforeEach
  void analyst() {
    init(engine);
    analyst = "analyst" + UUID.randomUUID().toString().substring(0, 8);
    User user = engine.getIdentityService().newUser(analyst);
    user.setFirstName(analyst);
    user.setLastName("Test");
    user.setEmail(analyst + "@example.org");
    user.setPassword(password);
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(analyst, Groups.ANALYSTS);
  }

  /** Puts the shipped tables back as the latest versions: other tests in this JVM share the engine. */
  @AfterEach
  void restoreShippedTables() throws IOException {
    ClockUtil.reset();
    for (String resource : changed.keySet()) {
      repository.createDeployment().name(ModelDeployer.DEPLOYMENT_NAME).source("recertification")
          .addInputStream(resource, new ByteArrayInputStream(Files.readAllBytes(Path.of(resource)))).deploy();
    }
    engine.getIdentityService().deleteUser(analyst);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Finding 1 (major): renewalCalendar's dates are shown everywhere but not used where they decide the outcome.
  // submissionTiming, extensionEligibility, ceCreditWindow and reminderSchedule repeat 1 Aug / 1 Dec / 31 Dec /
  // 1 Jan / 1 Jun / 30 Jun as literals; nothing refuses a renewalCalendar that no longer agrees with them.
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R1a: an analyst moves the opening to 15 July in renewalCalendar; on 20 July an application is"
      + " accepted (not refused as 'opens on 2026-07-15')")
  void openingDateOfRenewalCalendarDecidesWhenApplicationsAreAccepted() throws Exception {
    HttpResponse<String> deployed = deploy(RENEWAL_CALENDAR, replaced(RENEWAL_CALENDAR,
        "<outputEntry id=\"OutputEntry_applicationOpens\"><text>date(renewalYear, 8, 1)</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_applicationOpens\"><text>date(renewalYear, 7, 15)</text></outputEntry>"));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    // what the calendar opens the renewals on, the API (GET /api/certificants/{n}) and the e-mails now say
    assertThat(rules.renewalCalendar(YEAR).applicationOpens()).isEqualTo(LocalDate.of(YEAR, 7, 15));

    setClock(LocalDate.of(YEAR, 7, 20));
    Certificant olga = fixtures.cpcs("Olga", "Opening", YEAR);
    fixtures.enoughForSingle(olga, YEAR);

    assertThatCode(() -> renewals.submit(olga, YEAR))
        .as("submitting on 20 July after renewalCalendar says the application opens on 15 July")
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("R8: an analyst moves the on-time deadline to 15 December in renewalCalendar; an application of"
      + " 10 December, told 'no late fee until 15 December', is invoiced without a late fee")
  void onTimeDeadlineOfRenewalCalendarDecidesTheLateFee() throws Exception {
    HttpResponse<String> deployed = deploy(RENEWAL_CALENDAR, replaced(RENEWAL_CALENDAR,
        "<outputEntry id=\"OutputEntry_onTimeDeadline\"><text>date(renewalYear, 12, 1)</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_onTimeDeadline\"><text>date(renewalYear, 12, 15)</text></outputEntry>"));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    // the date the "application open" e-mail, the courtesy reminder and GET /api/certificants/{n} state
    assertThat(rules.renewalCalendar(YEAR).onTimeDeadline()).isEqualTo(LocalDate.of(YEAR, 12, 15));

    setClock(LocalDate.of(YEAR, 12, 10));
    Certificant tom = fixtures.cpcs("Tom", "Ontime", YEAR);
    fixtures.enoughForSingle(tom, YEAR);
    String pid = renewals.submit(tom, YEAR).getProcessInstanceId();
    executeDueJobs(pid);

    assertThat(lines(billing.invoicesOf(tom.getId()).get(0)))
        .as("invoice of an application submitted 10 Dec, on-time deadline 15 Dec")
        .containsExactly("RECERTIFICATION_FEE=175.00");
  }

  // ------------------------------------------------------------------------------------------------------------
  // Finding 2 (major): a table that parses but answers wrongly is accepted (200) and silently breaks renewals.
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R28: a feeSchedule whose CPMSM row has a typo (\"CPMS\") is refused, or at least never leaves a late"
      + " CPMSM renewal invoiced for the $50 late fee alone")
  void feeScheduleWithoutACpmsmRecertificationFeeIsNotSilentlyUsed() throws Exception {
    HttpResponse<String> deployed = deploy(FEE_SCHEDULE, replaced(FEE_SCHEDULE,
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMS\"</text></inputEntry>"));

    setClock(LocalDate.of(YEAR, 12, 10));
    Certificant mary = fixtures.certificant("Mary", "Typo", YEAR, CertificationType.CPMSM);
    fixtures.enoughForSingle(mary, YEAR);
    String pid = renewals.submit(mary, YEAR).getProcessInstanceId();
    executeDueJobs(pid);

    List<String> invoiced = lines(billing.invoicesOf(mary.getId()).get(0));
    assertThat(invoiced)
        .as("invoice of a late CPMSM renewal after the analyst's deploy answered %s %s", deployed.statusCode(),
            deployed.body())
        .anyMatch(line -> line.startsWith("RECERTIFICATION_FEE="));
  }

  @Test
  @DisplayName("R5: a creditRequirement that matches no row for CPMSM (typo \"CPMS\") is refused at deploy with the"
      + " reason, and CE progress keeps working")
  void creditRequirementThatAnswersNothingForCpmsmIsRefused() throws Exception {
    setClock(LocalDate.of(YEAR, 9, 10));
    Certificant carl = fixtures.certificant("Carl", "Nomatch", YEAR, CertificationType.CPMSM);

    HttpResponse<String> deployed = deploy(CREDIT_REQUIREMENT, replaced(CREDIT_REQUIREMENT,
        "<inputEntry id=\"InputEntry_CPMSM_type\"><text>\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_CPMSM_type\"><text>\"CPMS\"</text></inputEntry>"));
    Throwable progress = catchThrowable(() -> ce.progress(carl, YEAR));

    assertThat(deployed.statusCode())
        .as("deploy answer %s; afterwards CE progress of a CPMSM certificant (API, credit check) fails with: %s",
            deployed.body(), progress == null ? "nothing" : progress.getMessage())
        .isEqualTo(400);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Finding 3 (minor): an invoice already placed does not keep its lines when a check removes the late fee (R15).
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R15, docs/analysts.md: after the fee table changes, a check dated 1 December removes only the late"
      + " fee; the recertification fee already invoiced stays as placed")
  void checkDatedByFirstDecemberKeepsThePlacedRecertificationFee() throws Exception {
    setClock(LocalDate.of(YEAR, 12, 8));
    Certificant cleo = fixtures.cpcs("Cleo", "Recheck", YEAR);
    fixtures.enoughForSingle(cleo, YEAR);
    String pid = renewals.submit(cleo, YEAR).getProcessInstanceId();
    executeDueJobs(pid);
    Invoice invoice = billing.invoicesOf(cleo.getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00", "LATE_FEE=50.00");

    HttpResponse<String> deployed = deploy(FEE_SCHEDULE, replaced(FEE_SCHEDULE,
        "<outputEntry id=\"OutputEntry_RecertificationFee_CPCS_amount\"><text>175</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_RecertificationFee_CPCS_amount\"><text>200</text></outputEntry>"));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

    setClock(LocalDate.of(YEAR, 12, 12));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("UserTask_RecordCheckPayment");
    engine.getTaskService().complete(task.getId(), Map.of("checkNumber", "2201", "checkDate", YEAR + "-12-01",
        "checkAmount", 175.0, "checkPayer", "Employer Inc"));
    executeDueJobs(pid);

    assertThat(lines(billing.invoice(invoice.getId())))
        .as("invoice %s after a check dated 1 Dec (R15)", invoice.getInvoiceNumber())
        .containsExactly("RECERTIFICATION_FEE=175.00");
  }

  // ------------------------------------------------------------------------------------------------------------
  // Finding 4 (minor): values of the tables written into a Tasklist form and the REST API's documentation.
  // ------------------------------------------------------------------------------------------------------------

  /** A count of credits ("15 of 30"), a time of day ("17:00") or a month ("1 December"). */
  static final Pattern RULE_VALUE = Pattern.compile("\\b\\d+(\\.\\d+)? of \\d+\\b|\\b\\d{1,2}:\\d{2}\\b"
      + "|\\b(January|February|March|April|May|June|July|August|September|October|November|December)\\b");

  @Test
  @DisplayName("R20: the extension audit form states no credit counts of creditRequirement (they change with the"
      + " table; the form would tell staff the old ones)")
  void auditFormStatesNoCreditCounts() throws Exception {
    JsonNode form = json.readTree(Files.readString(Path.of("forms/auditExtensionForm.form")));
    List<String> texts = new ArrayList<>();
    collectTexts(form, texts);
    assertThat(texts).as("texts of forms/auditExtensionForm.form")
        .noneMatch(text -> RULE_VALUE.matcher(text).find());
  }

  @Test
  @DisplayName("R20: the REST API's documentation of the extension request states no cut-off of"
      + " extensionEligibility")
  void extensionRequestApiDocumentationStatesNoCutoff() throws Exception {
    HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/v3/api-docs")).header("Authorization", basic("admin", ADMIN_PASSWORD)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).isEqualTo(200);
    List<String> summaries = new ArrayList<>();
    json.readTree(docs.body()).path("paths").forEach(path -> path.forEach(operation ->
        summaries.add(operation.path("summary").asText(""))));
    assertThat(summaries).filteredOn(s -> s.startsWith("Request an extension")).singleElement()
        .satisfies(summary -> assertThat(RULE_VALUE.matcher(summary).find())
            .as("summary \"%s\" names a value of extensionEligibility", summary).isFalse());
  }

  // ------------------------------------------------------------------------------------------------------------
  // Finding 5 (major): the businessAnalysts group may deploy any resource, not only decision tables.
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("README (businessAnalysts: deploy and read decisions): an analyst's deployment of a BPMN process is"
      + " refused; it would run its expressions on the job executor with no one's authorization")
  void analystsDeployDecisionsOnly() throws Exception {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Analyst"
            targetNamespace="http://namss.org/review">
          <bpmn:process id="AnalystDeployedProcess" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Timer">
              <bpmn:timerEventDefinition><bpmn:timeDate>2099-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Timer" targetRef="EndEvent_1"/>
            <bpmn:endEvent id="EndEvent_1"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
    HttpResponse<String> deployed = deployResource("processes/AnalystDeployedProcess.bpmn",
        bpmn.getBytes(StandardCharsets.UTF_8));
    try {
      assertThat(deployed.statusCode())
          .as("an analyst deploying a BPMN with a timer start event; the engine now holds %d such process(es) and "
              + "%d timer start job(s): %s",
              repository.createProcessDefinitionQuery().processDefinitionKey("AnalystDeployedProcess").count(),
              engine.getManagementService().createJobQuery().processDefinitionKey("AnalystDeployedProcess").count(),
              deployed.body())
          .isIn(400, 403);
    } finally {
      repository.createDeploymentQuery().list().stream()
          .filter(d -> !repository.createProcessDefinitionQuery().deploymentId(d.getId())
              .processDefinitionKey("AnalystDeployedProcess").list().isEmpty())
          .forEach(d -> repository.deleteDeployment(d.getId(), true));
    }
  }

  // ---- helpers ----

  private static void collectTexts(JsonNode container, List<String> texts) {
    for (JsonNode component : container.path("components")) {
      for (String field : List.of("text", "label", "description")) {
        texts.add(component.path(field).asText(""));
      }
      collectTexts(component, texts);
    }
  }

  private static List<String> lines(Invoice invoice) {
    return invoice.getLines().stream().map(l -> l.getFeeCode() + "=" + l.getAmount().toPlainString()).toList();
  }

  private byte[] replaced(String resource, String from, String to) throws IOException {
    String text = Files.readString(Path.of(resource), StandardCharsets.UTF_8);
    assertThat(text).as(resource).contains(from);
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  /** What Camunda Modeler's deploy button sends, with the analyst's own account (HTTP Basic). */
  private HttpResponse<String> deploy(String resource, byte[] dmn) throws Exception {
    changed.put(resource, dmn);
    return deployResource(resource, dmn);
  }

  private HttpResponse<String> deployResource(String resource, byte[] dmn) throws Exception {
    String boundary = "----recert" + UUID.randomUUID();
    var out = new ByteArrayOutputStream();
    for (var field : List.of(Map.entry("deployment-name", ModelDeployer.DEPLOYMENT_NAME),
        Map.entry("deployment-source", "Camunda Modeler"),
        Map.entry("enable-duplicate-filtering", "true"),
        Map.entry("deploy-changed-only", "true"))) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + resource + "\"; filename=\""
        + resource + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.write(dmn);
    out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json")
        .header("Authorization", basic(analyst, password))
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
