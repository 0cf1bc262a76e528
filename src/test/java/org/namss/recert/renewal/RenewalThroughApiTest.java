package org.namss.recert.renewal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.security.Groups;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A renewal driven only through HTTP on the running server, as the member portal and Tasklist do it: the project's
 * API as the administrator (register, CE with certificates, application, card payment), then Tasklist's REST API
 * as a member of certificationStaff (find the review in the group's queue, claim, read the form, approve). The job
 * executor runs, as in production: the test waits for the outcome with Awaitility.
 */
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "credly.read-timeout=30s"})
class RenewalThroughApiTest extends ApplicationTest {

  static final String STAFF_USER = "stellastaff";
  static final String STAFF_PASSWORD = "stella-test-password";
  static final String BADGES = "/v1/organizations/org-42/badges";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void staffUserAndCredly() {
    setClock(LocalDate.of(2026, 11, 20));
    if (identity.createUserQuery().userId(STAFF_USER).count() == 0) {
      User user = identity.newUser(STAFF_USER);
      user.setFirstName("Stella");
      user.setLastName("Staff");
      user.setEmail("stella.staff@example.org");
      user.setPassword(STAFF_PASSWORD);
      identity.saveUser(user);
      identity.createMembership(STAFF_USER, Groups.STAFF);
    }
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-api\"}}").withStatus(201)));
  }

  @AfterEach
  void removeStaffUser() {
    identity.deleteUser(STAFF_USER);
  }

  @Test
  @DisplayName("R5, R8, R10, R16, R19: register, report CE with certificates, apply, pay by card, staff approve in "
      + "Tasklist: renewed, badge issued, e-mails sent")
  void renewalThroughTheApiAndTasklist() throws Exception {
    String number = "API" + (System.nanoTime() % 1_000_000_000L);
    String email = "ann.api." + number.toLowerCase() + "@example.org";

    // the portal (here as the administrator) registers the certificant and reports CE with certificates
    ResponseEntity<String> registered = asAdmin().postForEntity("/api/certificants", jsonEntity(Map.of(
        "number", number, "firstName", "Ann", "lastName", "Api", "emails", List.of(email),
        "certifications", List.of(Map.of("type", "CPCS", "initialCertificationDate", "2023-03-15",
            "renewalYear", 2026)))), String.class);
    assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    addActivity(number, "Credentialing essentials", "2025-03-01", "16", true);
    addActivity(number, "Medical staff bylaws", "2025-06-01", "14", false);
    JsonNode progress = read(asAdmin().getForEntity("/api/certificants/" + number + "/ce-progress", String.class));
    assertThat(progress.path("complete").asBoolean()).isTrue();

    // the application
    ResponseEntity<String> submitted = asAdmin().postForEntity("/api/certificants/" + number + "/applications",
        jsonEntity(Map.of("renewalYear", 2026)), String.class);
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode application = read(submitted);
    assertThat(application.path("timing").asText()).isEqualTo("ON_TIME");
    String pid = application.path("processInstanceId").asText();
    assertThat(pid).isNotBlank();

    // staff's queue shows the payment task once the invoice is out; the certificant pays by card
    await().atMost(PATIENCE).until(() -> staffTasks(pid, "UserTask_RecordCheckPayment").size() == 1);
    JsonNode invoice = read(asAdmin().getForEntity("/api/certificants/" + number + "/invoices", String.class)).get(0);
    assertThat(invoice.path("lines")).hasSize(1);
    assertThat(invoice.path("lines").get(0).path("feeCode").asText()).isEqualTo("RECERTIFICATION_FEE");
    assertThat(invoice.path("lines").get(0).path("amount").decimalValue()).isEqualByComparingTo("175.00");
    String invoiceNumber = invoice.path("invoiceNumber").asText();
    ResponseEntity<String> paid = asAdmin().postForEntity("/api/certificants/" + number + "/invoices/"
        + invoiceNumber + "/card-payments", jsonEntity(Map.of("amount", 175.00, "cardReference", "ch_api_1")),
        String.class);
    assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(paid).path("status").asText()).isEqualTo("PAID");

    // Tasklist: the review appears in certificationStaff's queue; staff claim it, read the form and approve
    await().atMost(PATIENCE).until(() -> staffTasks(pid, "UserTask_ReviewApplication").size() == 1);
    JsonNode review = staffTasks(pid, "UserTask_ReviewApplication").get(0);
    String taskId = review.path("id").asText();
    ResponseEntity<String> claimed = asStaff().postForEntity("/engine-rest/task/" + taskId + "/claim",
        jsonEntity(Map.of("userId", STAFF_USER)), String.class);
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode form = read(asStaff().getForEntity("/engine-rest/task/" + taskId + "/form-variables", String.class));
    assertThat(form.path("certificantNumber").path("value").asText()).isEqualTo(number);
    assertThat(form.path("creditSummary").path("value").asText()).contains("**30** of 30 credits required");
    ResponseEntity<String> completed = asStaff().postForEntity("/engine-rest/task/" + taskId + "/complete",
        jsonEntity(Map.of("variables", Map.of("reviewOutcome", Map.of("value", "APPROVE", "type", "String")))),
        String.class);
    assertThat(completed.getStatusCode()).isIn(HttpStatus.NO_CONTENT, HttpStatus.OK);

    // the job executor finishes the renewal: status, badge and e-mails
    await().atMost(PATIENCE).until(() -> subjectsTo(email)
        .contains("Your CPCS recertification is approved: certified through December 31, 2029"));
    JsonNode applications = read(asAdmin().getForEntity("/api/certificants/" + number + "/applications",
        String.class));
    assertThat(applications.get(0).path("status").asText()).isEqualTo("APPROVED");
    JsonNode certificant = read(asAdmin().getForEntity("/api/certificants/" + number, String.class));
    assertThat(certificant.toString()).contains("\"renewalYear\":2029");
    assertThat(subjectsTo(email)).containsExactly(
        "We received your 2026 CPCS recertification application",
        "Your 2026 recertification invoice " + invoiceNumber,
        "Payment received for invoice " + invoiceNumber,
        "Your CPCS recertification is approved: certified through December 31, 2029");
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withBasicAuth(new BasicCredentials("test-credly-token", ""))
        .withRequestBody(matchingJsonPath("$.recipient_email", equalTo(email)))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(number)))
        .withRequestBody(matchingJsonPath("$.badge_template_id", equalTo("template-cpcs"))));
    await().atMost(PATIENCE).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(pid).finished().count() == 1);
    assertNoIncidents(engine);
  }

  private List<JsonNode> staffTasks(String pid, String definitionKey) throws Exception {
    JsonNode tasks = read(asStaff().getForEntity("/engine-rest/task?candidateGroup=" + Groups.STAFF
        + "&processInstanceId=" + pid + "&taskDefinitionKey=" + definitionKey, String.class));
    return java.util.stream.StreamSupport.stream(tasks.spliterator(), false).toList();
  }

  private void addActivity(String number, String title, String earnedOn, String credits, boolean approved)
      throws Exception {
    HttpHeaders jsonPart = new HttpHeaders();
    jsonPart.setContentType(MediaType.APPLICATION_JSON);
    HttpHeaders pdfPart = new HttpHeaders();
    pdfPart.setContentType(MediaType.APPLICATION_PDF);
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("activity", new HttpEntity<>(json.writeValueAsString(Map.of("title", title, "provider", "NAMSS",
        "earnedOn", earnedOn, "credits", new BigDecimal(credits), "associationApproved", approved,
        "attendance", "IN_PERSON", "city", "Boston", "state", "MA")), jsonPart));
    parts.add("certificate", new HttpEntity<>(new ByteArrayResource(Fixtures.PDF) {
      @Override
      public String getFilename() {
        return "certificate.pdf";
      }
    }, pdfPart));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> created = asAdmin().exchange("/api/certificants/" + number + "/ce-activities",
        HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(created).path("hasCertificate").asBoolean()).isTrue();
  }

  private TestRestTemplate asAdmin() {
    return http.withBasicAuth("admin", ADMIN_PASSWORD);
  }

  private TestRestTemplate asStaff() {
    return http.withBasicAuth(STAFF_USER, STAFF_PASSWORD);
  }

  private HttpEntity<String> jsonEntity(Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(json.writeValueAsString(body), headers);
  }

  private JsonNode read(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode().is2xxSuccessful()).as("%s: %s", response.getStatusCode(),
        response.getBody()).isTrue();
    return json.readTree(response.getBody());
  }
}
