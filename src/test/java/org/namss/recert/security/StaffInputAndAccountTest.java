package org.namss.recert.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.extension.ExtensionService;
import org.namss.recert.renewal.RenewalService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Follow-ups of the security review (SecurityReviewFindingsTest): bad input in the staff start forms through the
 * engine's REST API answers 400 naming the field and starts nothing; a renewal start cannot bring the application's own
 * ids; a stray second renewal instance does not lapse the certificant; only administrators change an account's
 * e-mail, and only certificants act for a certificant through their e-mail (R2).
 */
class StaffInputAndAccountTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired RenewalService renewals;
  @Autowired CertificantService certificantService;

  Certificant jane;
  Caller staff;

  @BeforeEach
  void aCertificant() {
    setClock(LocalDate.of(YEAR, 9, 10));
    jane = fixtures.cpcs("Jane", "Input", YEAR);
    staff = newUser(Groups.STAFF, null);
  }

  private Response submitForm(String processKey, String variables) {
    return postJson("/engine-rest/process-definition/key/" + processKey + "/submit-form", staff,
        "{\"variables\":{" + variables + "}}");
  }

  private String number() {
    return "\"certificantNumber\":{\"value\":\"" + jane.getNumber() + "\",\"type\":\"String\"}";
  }

  private static String year(String value, String type) {
    return "\"renewalYear\":{\"value\":" + value + ",\"type\":\"" + type + "\"}";
  }

  private static String day(String value) {
    return "\"submittedOn\":{\"value\":\"" + value + "\",\"type\":\"String\"}";
  }

  private long started(String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  @Test
  @DisplayName("R8: the e-mailed application's start form answers a missing, empty or blank day with 400 naming the "
      + "field and the expected form; nothing is started or recorded")
  void emailedApplicationWithoutADayIs400() {
    long before = started("EmailedApplicationProcess");
    for (String variables : new String[] {number() + "," + year(String.valueOf(YEAR), "Long"),
        number() + "," + year(String.valueOf(YEAR), "Long") + "," + day(""),
        number() + "," + year(String.valueOf(YEAR), "Long") + "," + day("   ")}) {
      Response answer = submitForm("EmailedApplicationProcess", variables);

      assertThat(answer.status()).as("%s: %s", variables, answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).contains("submittedOn", "required", "yyyy-mm-dd");
    }
    Response malformed = submitForm("EmailedApplicationProcess", number() + "," + year(String.valueOf(YEAR), "Long")
        + "," + day("12/01/2026"));
    assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
    assertThat(malformed.json().path("message").asText()).contains("submittedOn", "yyyy-mm-dd", "'12/01/2026'")
        .doesNotContain("Exception");
    assertThat(started("EmailedApplicationProcess")).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from recert_application where certificant_id = ?", Long.class,
        jane.getId())).isZero();
  }

  @Test
  @DisplayName("The start forms answer a renewal year sent as text, a fraction, out of range or missing with 400 "
      + "naming the field, not a 500")
  void startFormsRefuseABadYear() {
    long emailedBefore = started("EmailedApplicationProcess");
    long renewalsBefore = started(RenewalService.PROCESS_KEY);
    for (String processKey : new String[] {"EmailedApplicationProcess", RenewalService.PROCESS_KEY}) {
      for (String yearVariable : new String[] {year("\"" + YEAR + "\"", "String"), year(YEAR + ".5", "Double"),
          year("20260", "Long"), year("\"x\"", "String")}) {
        Response answer = submitForm(processKey, number() + "," + yearVariable + "," + day(YEAR + "-09-01"));

        assertThat(answer.status()).as("%s %s: %s", processKey, yearVariable, answer).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("renewalYear").doesNotContain("Exception");
      }
      Response missing = submitForm(processKey, number() + "," + day(YEAR + "-09-01"));
      assertThat(missing.status()).as("%s without a year: %s", processKey, missing).isEqualTo(400);
      assertThat(missing.json().path("message").asText()).contains("renewalYear", "required");
    }
    assertThat(started("EmailedApplicationProcess")).isEqualTo(emailedBefore);
    assertThat(started(RenewalService.PROCESS_KEY)).isEqualTo(renewalsBefore);
  }

  @Test
  @DisplayName("R20: the extension's start form refuses a year sent as text (400, not a 500) and the application's "
      + "own ids; nothing is started, no application is registered")
  void extensionStartFormRefusesABadYearAndOwnIds() {
    long before = started(ExtensionService.PROCESS_KEY);
    String requested = "\"requestedAt\":{\"value\":\"" + YEAR + "-09-09T10:00\",\"type\":\"String\"}";
    Map<String, String> refusals = Map.of(
        number() + "," + year("\"" + YEAR + "\"", "String") + "," + requested, "renewalYear",
        number() + "," + year(String.valueOf(YEAR), "Long") + "," + requested
            + ",\"certificantId\":{\"value\":" + jane.getId() + ",\"type\":\"Long\"}", "certificantId",
        number() + "," + year(String.valueOf(YEAR), "Long") + "," + requested
            + ",\"applicationId\":{\"value\":1,\"type\":\"Long\"}", "applicationId");
    refusals.forEach((variables, field) -> {
      Response answer = submitForm(ExtensionService.PROCESS_KEY, variables);

      assertThat(answer.status()).as("%s: %s", variables, answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).contains(field).doesNotContain("Exception");
    });
    assertThat(started(ExtensionService.PROCESS_KEY)).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from recert_application where certificant_id = ?", Long.class,
        jane.getId())).isZero();
  }

  @Test
  @DisplayName("The renewal's start form refuses the application's own ids (certificantId, applicationId) and a "
      + "missing day (400); nothing is started, no case is registered")
  void renewalStartFormRefusesOwnIdsAndAMissingDay() {
    long before = started(RenewalService.PROCESS_KEY);
    String base = number() + "," + year(String.valueOf(YEAR), "Long");
    Map<String, String> refusals = Map.of(
        base + "," + day(YEAR + "-09-01") + ",\"certificantId\":{\"value\":" + jane.getId() + ",\"type\":\"Long\"}",
        "certificantId",
        base + "," + day(YEAR + "-09-01") + ",\"applicationId\":{\"value\":1,\"type\":\"Long\"}", "applicationId",
        base, "submittedOn");
    refusals.forEach((variables, field) -> {
      Response answer = submitForm(RenewalService.PROCESS_KEY, variables);

      assertThat(answer.status()).as("%s: %s", variables, answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).contains(field);
    });
    assertThat(started(RenewalService.PROCESS_KEY)).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from renewal_case where certificant_id = ?", Long.class,
        jane.getId())).isZero();

    // what the form is for still works: a renewal never opened, started with the day its application came
    Response ok = submitForm(RenewalService.PROCESS_KEY, base + "," + day(YEAR + "-09-01"));
    assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    assertThat(jdbc.queryForObject("select process_instance_id from renewal_case where certificant_id = ?",
        String.class, jane.getId())).isEqualTo(ok.json().path("id").asText());
  }

  @Test
  @DisplayName("R25: a renewal instance that is not its case's (a stray second one) does not lapse the certificant: "
      + "an incident at once, the certification stays ACTIVE, no lapse letter")
  void aStrayInstanceDoesNotLapse() {
    setClock(LocalDate.of(YEAR, 8, 1).atTime(6, 0));
    String pid = renewals.open(jane.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    // the case names another instance, as for a stray one started beside it before the start form refused that
    jdbc.update("update renewal_case set process_instance_id = ? where certificant_id = ?", "the-real-one",
        jane.getId());
    try {
      setClock(LocalDate.of(YEAR + 1, 1, 2));
      assertThatThrownBy(() -> executeDueJobs(pid)).hasMessageContaining("Not the renewal of certificant "
          + jane.getNumber() + " for " + YEAR).hasMessageContaining("the-real-one");

      assertThat(certificantService.get(jane.getId()).getCertifications())
          .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(CertificationStatus.ACTIVE));
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).singleResult())
          .satisfies(incident -> assertThat(incident.getActivityId()).isNotNull());
      assertThat(engine.getManagementService().createJobQuery().processInstanceId(pid).noRetriesLeft().count())
          .as("no retry: an incident at once").isEqualTo(1);
    } finally {
      engine.getRuntimeService().deleteProcessInstance(pid, "test: stray instance");
      jdbc.update("update renewal_case set process_instance_id = ? where certificant_id = ?", pid, jane.getId());
    }
  }

  @Test
  @DisplayName("R2: only an administrator changes an account's e-mail: an operations user cannot change theirs even "
      + "to an address that is no certificant's (403), but may change their name")
  void onlyAdministratorsChangeAnEmail() {
    String own = "ops." + System.nanoTime() + "@example.org";
    Caller ops = newUser(Groups.OPERATIONS, own);

    Response refused = putProfile(ops, ops.userId(), "Op", "Erator", "ops.new." + System.nanoTime() + "@example.org");
    assertThat(refused.status()).as("%s", refused).isEqualTo(403);
    assertThat(refused.json().path("message").asText()).isEqualTo(CertificantIdentityProvider.EMAIL_ADMINISTERED);
    assertThat(identityService.createUserQuery().userId(ops.userId()).singleResult().getEmail()).isEqualTo(own);

    Response renamed = putProfile(ops, ops.userId(), "Op", "Erator", " " + own.toUpperCase() + " ");
    assertThat(renamed.status()).as("%s", renamed).isEqualTo(204);
    assertThat(identityService.createUserQuery().userId(ops.userId()).singleResult().getLastName())
        .isEqualTo("Erator");

    String changed = "ops.changed." + System.nanoTime() + "@example.org";
    Response byAdmin = putProfile(admin(), ops.userId(), "Op", "Erator", changed);
    assertThat(byAdmin.status()).as("%s", byAdmin).isEqualTo(204);
    assertThat(identityService.createUserQuery().userId(ops.userId()).singleResult().getEmail()).isEqualTo(changed);
  }

  @Test
  @DisplayName("R2: an account outside certificants whose e-mail is a certificant's address (set by an administrator) "
      + "does not act for that certificant; a certificant with it does")
  void onlyCertificantsActThroughTheirEmail() {
    for (String group : new String[] {Groups.PAYMENT_SERVICE, Groups.OPERATIONS, Groups.ANALYSTS}) {
      Caller other = newUser(group, jane.primaryEmail());

      assertThat(get("/api/certificants/" + jane.getNumber(), other).status()).as(group).isEqualTo(404);
      assertThat(get("/api/certificants/" + jane.getNumber() + "/ce-activities", other).status()).as(group)
          .isEqualTo(404);
      assertThat(get("/api/certificants?email=" + jane.primaryEmail(), other).status()).as(group).isEqualTo(404);
    }
    Caller herself = newUser(Groups.CERTIFICANTS, jane.primaryEmail());
    assertThat(get("/api/certificants/" + jane.getNumber(), herself).status()).isEqualTo(200);
    assertThat(get("/api/certificants?email=" + jane.primaryEmail(), herself).status()).isEqualTo(200);
    assertThat(get("/api/certificants/" + jane.getNumber(), staff).status()).isEqualTo(200);
  }

  private Response putProfile(Caller caller, String userId, String firstName, String lastName, String email) {
    String profile = toJson(Map.of("id", userId, "firstName", firstName, "lastName", lastName, "email", email));
    return send("PUT", "/engine-rest/user/" + userId + "/profile", caller, "application/json",
        profile.getBytes(StandardCharsets.UTF_8));
  }
}
