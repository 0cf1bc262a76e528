package org.namss.recert.ce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificantService.NewCertification;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;

/** CE activities with their certificates (R10, R13) and progress against the requirement (R5, R6, R9). */
class CeApiTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired CertificantService certificants;

  Certificant jane;
  Caller janeUser;

  @BeforeEach
  void certificant() {
    setClock(LocalDate.of(YEAR, 11, 20));
    jane = fixtures.cpcs("Jane", "Doe", YEAR);
    janeUser = newUser(Groups.CERTIFICANTS, jane.primaryEmail());
  }

  String ce(Certificant c) {
    return "/api/certificants/" + c.getNumber() + "/ce-activities";
  }

  String progress(Certificant c) {
    return "/api/certificants/" + c.getNumber() + "/ce-progress";
  }

  static Stream<Arguments> certificateFiles() {
    return Stream.of(
        Arguments.of("certificate.pdf", "application/pdf", Files.PDF, "application/pdf"),
        Arguments.of("badge.png", "image/png", Files.PNG, "image/png"),
        // the browser's type is not trusted: the bytes decide
        Arguments.of("scan.jpg", "application/octet-stream", Files.JPEG, "image/jpeg"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("certificateFiles")
  @DisplayName("R10, R13: the certificant reports an activity with its certificate (PDF, PNG, JPEG by content)")
  void reportWithCertificate(String fileName, String sentType, byte[] file, String storedType) {
    Map<String, Long> before = snapshot();

    Response created = postMultipart(ce(jane), janeUser,
        ceUpload(activity("2026-02-10", 2.5, true), fileName, sentType, file));

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("hasCertificate").asBoolean()).isTrue();
    assertThat(body.path("attendance").asText()).isEqualTo("VIRTUAL");
    assertThat(body.path("city").asText()).isEqualTo("Denver");
    assertThat(body.path("verification").asText()).isEqualTo("UNVERIFIED");
    Map<String, Long> after = snapshot();
    assertThat(after.get("ce_activity")).isEqualTo(before.get("ce_activity") + 1);
    assertThat(after.get("ce_certificate")).isEqualTo(before.get("ce_certificate") + 1);

    HttpResponse<byte[]> download = download(body.path("certificateUrl").asText());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(file);
    assertThat(download.headers().firstValue("Content-Type")).hasValue(storedType);
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains(fileName);
  }

  static Stream<Arguments> refusedFiles() {
    return Stream.of(
        Arguments.of("R10/R22: a spreadsheet (.xlsx)", "tracking.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Files.XLSX, "PDF, PNG or JPEG"),
        Arguments.of("a text file named .pdf", "certificate.pdf", "application/pdf", Files.TEXT, "PDF, PNG or JPEG"),
        Arguments.of("a CSV tracking table", "ce-tracking.csv", "text/csv", Files.TEXT, "tracking table"),
        Arguments.of("an empty file", "certificate.pdf", "application/pdf", new byte[0], "empty"),
        Arguments.of("a path in the file name", "../../etc/passwd.pdf", "application/pdf", Files.PDF, "plain file name"),
        Arguments.of("a Windows path in the file name", "..\\..\\boot.ini.pdf", "application/pdf", Files.PDF,
            "plain file name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedFiles")
  @DisplayName("R10: anything but a PDF or image certificate is refused with 400 naming 'certificate'; nothing stored")
  void refusedFile(String name, String fileName, String type, byte[] file, String detail) {
    Map<String, Long> before = snapshot();

    Response refused = postMultipart(ce(jane), janeUser, ceUpload(activity("2026-02-10", 3, true), fileName, type,
        file));

    assertProblem(refused, 400, "certificate", detail);
    assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("certificate");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("R10: a certificate over 10 MB answers 413 and nothing is stored; exactly 10 MB is accepted")
  void sizeLimit() {
    Map<String, Long> before = snapshot();
    Response tooLarge = postMultipart(ce(jane), janeUser, ceUpload(activity("2026-02-10", 3, true),
        "big.pdf", "application/pdf", Files.pdfOfSize(10 * 1024 * 1024 + 1)));
    assertProblem(tooLarge, 413, "10 MB");
    assertThat(snapshot()).isEqualTo(before);

    Response exactly = postMultipart(ce(jane), janeUser, ceUpload(activity("2026-02-10", 3, true),
        "big.pdf", "application/pdf", Files.pdfOfSize(10 * 1024 * 1024)));
    assertThat(exactly.status()).as("%s", exactly).isEqualTo(201);
    assertThat(jdbc.queryForObject("select size_bytes from ce_certificate where ce_activity_id = ?", Long.class,
        exactly.json().path("id").asLong())).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  @DisplayName("R5, R10: single certification needs 30 / 15 approved; an activity without certificate does not count")
  void progressSingle() {
    fixtures.credits(jane, LocalDate.of(YEAR - 1, 3, 1), "14", true);
    fixtures.credits(jane, LocalDate.of(YEAR - 1, 6, 1), "14", false);
    fixtures.creditsWithoutCertificate(jane, LocalDate.of(YEAR, 1, 5), "2");

    JsonNode short1 = get(progress(jane), janeUser).json();
    assertThat(short1.path("certificationCategory").asText()).isEqualTo("CPCS");
    assertThat(new BigDecimal(short1.path("requiredTotalCredits").asText())).isEqualByComparingTo("30");
    assertThat(new BigDecimal(short1.path("requiredApprovedCredits").asText())).isEqualByComparingTo("15");
    assertThat(new BigDecimal(short1.path("totalCredits").asText())).isEqualByComparingTo("28");
    assertThat(new BigDecimal(short1.path("approvedCredits").asText())).isEqualByComparingTo("14");
    assertThat(short1.path("complete").asBoolean()).isFalse();
    assertThat(short1.path("missing").toString()).contains("certificate");

    Long pending = jdbc.queryForObject("select max(a.id) from ce_activity a where a.certificant_id = ? and not "
        + "exists (select 1 from ce_certificate c where c.ce_activity_id = a.id)", Long.class, jane.getId());
    Multipart upload = new Multipart().part("certificate", "late.pdf", "application/pdf", Files.PDF);
    Response attached = send("PUT", ce(jane) + "/" + pending + "/certificate", janeUser, upload.contentType(),
        upload.bytes());
    assertThat(attached.status()).as("%s", attached).isEqualTo(200);
    assertThat(attached.json().path("hasCertificate").asBoolean()).isTrue();
    JsonNode complete = get(progress(jane), janeUser).json();
    assertThat(new BigDecimal(complete.path("totalCredits").asText())).isEqualByComparingTo("30");
    assertThat(new BigDecimal(complete.path("approvedCredits").asText())).isEqualByComparingTo("16");
    assertThat(complete.path("complete").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("R11, R12: staff reject an ineligible activity (it stops counting) and correct an approved flag; "
      + "certificants may not; unknown activities and verdicts are refused; nothing changes on a refusal")
  void staffVerifyActivities() {
    var approved = fixtures.credits(jane, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    var other = fixtures.credits(jane, LocalDate.of(YEAR - 1, 6, 1), "14", false);
    var notApproved = fixtures.credits(jane, LocalDate.of(YEAR - 1, 7, 1), "4", true);
    Certificant someoneElse = fixtures.cpcs("Sam", "Else", YEAR);
    var theirs = fixtures.credits(someoneElse, LocalDate.of(YEAR - 1, 3, 1), "5", true);
    JsonNode before = get(progress(jane), janeUser).json();
    assertThat(new BigDecimal(before.path("totalCredits").asText())).isEqualByComparingTo("34");
    assertThat(new BigDecimal(before.path("approvedCredits").asText())).isEqualByComparingTo("20");

    // refusals change nothing
    assertProblem(send("PUT", ce(jane) + "/" + other.getId() + "/verification", janeUser, "application/json",
        "{\"verification\":\"REJECTED\"}".getBytes()), 403, "certification staff");
    assertProblem(send("PUT", ce(jane) + "/" + theirs.getId() + "/verification", admin(), "application/json",
        "{\"verification\":\"REJECTED\"}".getBytes()), 404, "No CE activity " + theirs.getId());
    assertThat(send("PUT", ce(jane) + "/" + other.getId() + "/verification", admin(), "application/json",
        "{\"verification\":\"MAYBE\"}".getBytes()).status()).isEqualTo(400);
    assertThat(send("PUT", ce(jane) + "/" + other.getId() + "/verification", admin(), "application/json",
        "{}".getBytes()).status()).isEqualTo(400);
    assertThat(jdbc.queryForList("select verification from ce_activity where certificant_id = ?", String.class,
        jane.getId())).containsOnly("UNVERIFIED");
    assertThat(get(progress(jane), janeUser).json()).isEqualTo(before);

    // R12: not eligible; R11: the certificate carries no association logo
    Response rejected = send("PUT", ce(jane) + "/" + other.getId() + "/verification", admin(), "application/json",
        "{\"verification\":\"REJECTED\"}".getBytes());
    assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
    assertThat(rejected.json().path("verification").asText()).isEqualTo("REJECTED");
    Response corrected = send("PUT", ce(jane) + "/" + notApproved.getId() + "/verification", admin(),
        "application/json", "{\"verification\":\"VERIFIED\",\"associationApproved\":false}".getBytes());
    assertThat(corrected.status()).as("%s", corrected).isEqualTo(200);
    assertThat(corrected.json().path("associationApproved").asBoolean()).isFalse();
    assertThat(corrected.json().path("verification").asText()).isEqualTo("VERIFIED");
    assertThat(corrected.json().path("hasCertificate").asBoolean()).as("its certificate is still there").isTrue();

    JsonNode after = get(progress(jane), janeUser).json();
    assertThat(new BigDecimal(after.path("totalCredits").asText())).isEqualByComparingTo("20");
    assertThat(new BigDecimal(after.path("approvedCredits").asText())).isEqualByComparingTo("16");
    assertThat(after.path("complete").asBoolean()).isFalse();
    assertThat(jdbc.queryForObject("select verification from ce_activity where id = ?", String.class,
        approved.getId())).isEqualTo("UNVERIFIED");
  }

  Certificant dual(LocalDate cpcsInitial, LocalDate cpmsmInitial) {
    String number = "D" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    return certificants.register(number, "Dana", "Dual", List.of(number + "@example.org"), List.of(
        new NewCertification(CertificationType.CPCS, cpcsInitial, YEAR),
        new NewCertification(CertificationType.CPMSM, cpmsmInitial, YEAR)));
  }

  @Test
  @DisplayName("R5: a dual certificant renewing both again needs 45 / 25 approved")
  void progressDual() {
    Certificant dana = dual(LocalDate.of(2020, 5, 4), LocalDate.of(2017, 9, 1));

    JsonNode p = get(progress(dana), admin()).json();

    assertThat(p.path("certificationCategory").asText()).isEqualTo("DUAL");
    assertThat(p.path("firstTimeDual").asBoolean()).isFalse();
    assertThat(new BigDecimal(p.path("requiredTotalCredits").asText())).isEqualByComparingTo("45");
    assertThat(new BigDecimal(p.path("requiredApprovedCredits").asText())).isEqualByComparingTo("25");
  }

  @Test
  @DisplayName("R6: dual for the first time (CPMSM earned this cycle) needs only 30 / 15; 45 may still be entered")
  void progressFirstTimeDual() {
    Certificant dana = dual(LocalDate.of(2020, 5, 4), LocalDate.of(2023, 6, 1));
    for (int i = 0; i < 3; i++) {
      Response r = postMultipart(ce(dana), admin(), ceUpload(activity("2025-0" + (i + 1) + "-10", 15, i < 2),
          "c" + i + ".pdf", "application/pdf", Files.PDF));
      assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    JsonNode p = get(progress(dana), admin()).json();

    assertThat(p.path("certificationCategory").asText()).isEqualTo("DUAL");
    assertThat(p.path("firstTimeDual").asBoolean()).isTrue();
    assertThat(new BigDecimal(p.path("requiredTotalCredits").asText())).isEqualByComparingTo("30");
    assertThat(new BigDecimal(p.path("requiredApprovedCredits").asText())).isEqualByComparingTo("15");
    assertThat(new BigDecimal(p.path("totalCredits").asText())).isEqualByComparingTo("45");
    assertThat(p.path("complete").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("R9: credits count from 2 Dec of N-3 through 1 Dec of N; 1 Dec N-3 is refused naming earnedOn")
  void creditWindow() {
    String number = "W" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    Certificant will = certificants.register(number, "Will", "Window", List.of(number + "@example.org"),
        List.of(new NewCertification(CertificationType.CPCS, LocalDate.of(2020, 5, 4), YEAR)));
    Map<String, Long> before = snapshot();

    Response early = postMultipart(ce(will), admin(), ceUpload(activity("2023-12-01", 5, true), "a.pdf",
        "application/pdf", Files.PDF));
    assertProblem(early, 400, "earnedOn", "2023-12-02", "2026-12-01");
    Response future = postMultipart(ce(will), admin(), ceUpload(activity("2026-11-21", 5, true), "a.pdf",
        "application/pdf", Files.PDF));
    assertProblem(future, 400, "earnedOn", "future");
    assertThat(snapshot()).isEqualTo(before);

    Response first = postMultipart(ce(will), admin(), ceUpload(activity("2023-12-02", 5, true), "a.pdf",
        "application/pdf", Files.PDF));
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    JsonNode p = get(progress(will), admin()).json();
    assertThat(p.path("windowStart").asText()).isEqualTo("2023-12-02");
    assertThat(p.path("windowEnd").asText()).isEqualTo("2026-12-01");
    assertThat(new BigDecimal(p.path("totalCredits").asText())).isEqualByComparingTo("5");
  }

  @Test
  @DisplayName("R9: initially certified in N-3 (15 Mar 2023): credits from that date count, the day before does not")
  void creditWindowInitialYear() {
    Map<String, Long> before = snapshot();
    Response dayBefore = postMultipart(ce(jane), janeUser, ceUpload(activity("2023-03-14", 5, true), "a.pdf",
        "application/pdf", Files.PDF));
    assertProblem(dayBefore, 400, "earnedOn", "2023-03-15");
    assertThat(snapshot()).isEqualTo(before);

    Response sameDay = postMultipart(ce(jane), janeUser, ceUpload(activity("2023-03-15", 5, true), "a.pdf",
        "application/pdf", Files.PDF));
    assertThat(sameDay.status()).as("%s", sameDay).isEqualTo(201);
    JsonNode p = get(progress(jane), janeUser).json();
    assertThat(p.path("windowStart").asText()).isEqualTo("2023-03-15");
    assertThat(new BigDecimal(p.path("totalCredits").asText())).isEqualByComparingTo("5");
  }

  @Test
  @DisplayName("R10: the list shows each activity once, in the order earned, and which still lack their certificate")
  void listShowsWhichActivitiesHaveTheirCertificate() {
    var later = fixtures.credits(jane, LocalDate.of(YEAR - 1, 6, 1), "14", false);
    var pending = fixtures.creditsWithoutCertificate(jane, LocalDate.of(YEAR - 1, 4, 1), "3");
    var earlier = fixtures.credits(jane, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    fixtures.credits(fixtures.cpcs("Sam", "Else", YEAR), LocalDate.of(YEAR - 1, 3, 1), "5", true);

    JsonNode list = get(ce(jane), janeUser).json();

    assertThat(list).extracting(a -> a.path("id").asLong() + ":" + a.path("hasCertificate").asBoolean())
        .containsExactly(earlier.getId() + ":true", pending.getId() + ":false", later.getId() + ":true");
    fixtures.attachCertificate(jane, pending.getId());
    assertThat(get(ce(jane), janeUser).json()).extracting(a -> a.path("hasCertificate").asBoolean())
        .containsExactly(true, true, true);
  }

  @Test
  @DisplayName("SQL-ish text without markup is stored verbatim and inert (bound parameters), and read back as sent")
  void sqlIshTextIsInert() {
    String title = "Robert'); DROP TABLE ce_activity;-- \" OR 1=1";
    Map<String, Object> activity = activity("2026-02-10", 2, true);
    activity.put("title", title);
    Response created = postMultipart(ce(jane), janeUser, ceUpload(activity, "c.pdf", "application/pdf", Files.PDF));

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(get(ce(jane), janeUser).json()).extracting(a -> a.path("title").asText()).containsExactly(title);
    assertThat(jdbc.queryForObject("select count(*) from ce_activity where title = ?", Long.class, title))
        .isEqualTo(1);
  }

  private HttpResponse<byte[]> download(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (janeUser.userId() + ":" + janeUser.password()).getBytes()))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
