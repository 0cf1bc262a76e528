package org.namss.recert.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.namss.recert.security.Groups;
import org.namss.recert.support.TestServers;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole renewal through the API and engine REST (register, CE with certificates, open, submit, card payment
 * confirmed by the payment provider, review, badge, e-mails) while the log is captured: no e-mail address, name or
 * secret may appear in it at INFO or above.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyApiTest extends ApiTestSupport {

  static final String BADGES = "/v1/organizations/org-42/badges";

  @Test
  @DisplayName("R16-R19 full renewal: nothing personal or secret in the log above DEBUG")
  void fullRenewalLogsNothingPersonal(CapturedOutput output) {
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-77\"}}").withStatus(201)));
    setClock(LocalDate.of(2026, 11, 20));
    String number = "P" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    String email = "quintessa." + number + "@privacy.example.org";
    Caller staff = newUser(Groups.STAFF, null);

    Response registered = postJson("/api/certificants", staff, Map.of("number", number, "firstName", "Quintessa",
        "lastName", "Vandersloot", "emails", List.of(email),
        "certifications", List.of(Map.of("type", "CPCS", "initialCertificationDate", "2020-05-04"))));
    assertThat(registered.status()).as("%s", registered).isEqualTo(201);
    Caller quintessa = newUser(Groups.CERTIFICANTS, email);
    String ce = "/api/certificants/" + number + "/ce-activities";
    for (Object[] a : new Object[][] {{"2025-03-01", 16, true}, {"2025-06-01", 14, false}}) {
      Response added = postMultipart(ce, quintessa, ceUpload(activity((String) a[0], a[1], (Boolean) a[2]),
          "certificate.pdf", "application/pdf", Files.PDF));
      assertThat(added.status()).as("%s", added).isEqualTo(201);
    }

    Response opened = postJson("/api/renewals", staff, Map.of("certificantNumber", number, "renewalYear", 2026));
    assertThat(opened.status()).as("%s", opened).isEqualTo(201);
    String pid = opened.json().path("processInstanceId").asText();
    executeDueJobs(pid);
    Response submitted = postJson("/api/certificants/" + number + "/applications", quintessa, "{}");
    assertThat(submitted.status()).as("%s", submitted).isEqualTo(202);
    executeDueJobs(pid);
    JsonNode invoice = get("/api/certificants/" + number + "/invoices", quintessa).json().get(0);
    // the payment provider confirms the card payment (its service account; a certificant may not)
    Caller provider = newUser(Groups.PAYMENT_SERVICE, null);
    Response paid = postJson("/api/certificants/" + number + "/invoices/" + invoice.path("invoiceNumber").asText()
        + "/card-payments", provider, Map.of("amount", invoice.path("total").decimalValue(),
        "cardReference", "ch_privacy_" + number));
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    executeDueJobs(pid);
    String taskId = get("/engine-rest/task?processInstanceId=" + pid, staff).json().get(0).path("id").asText();
    Response reviewed = postJson("/engine-rest/task/" + taskId + "/complete", staff,
        "{\"variables\":{\"reviewOutcome\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}");
    assertThat(reviewed.status()).as("%s", reviewed).isIn(200, 204);
    executeDueJobs(pid);

    // the renewal really happened: ended at Recertified, badge issued, mails sent
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("EndEvent_Recertified").count()).isEqualTo(1);
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES)));
    assertThat(mailsTo(email)).hasSizeGreaterThanOrEqualTo(4);
    assertThat(get("/api/good-standing/" + number, Caller.ANONYMOUS).json().path("certifications").get(0)
        .path("renewalYear").asInt()).isEqualTo(2029);

    String logged = Arrays.stream(output.getAll().split("\\R"))
        .filter(line -> !line.contains(" DEBUG ") && !line.contains(" TRACE "))
        // the test's own SMTP and Credly stand-ins run in this JVM; in production they are other systems
        .filter(line -> !line.contains("c.icegreen.greenmail") && !line.contains("com.icegreen.greenmail")
            && !line.contains("WireMock"))
        .reduce("", (a, b) -> a + b + "\n");
    assertThat(logged).as("the log").contains("INFO");
    for (String secret : List.of(email, "privacy.example.org", "Quintessa", "Vandersloot", "test-credly-token",
        ADMIN_PASSWORD, staff.password(), quintessa.password(), provider.password())) {
      assertThat(logged).as("the log above DEBUG").doesNotContainIgnoringCase(secret);
    }
  }
}
