package org.namss.recert.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificantService.NewCertification;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.ce.CeService;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * More than a hundred malformed or hostile requests against the project's API. Each must be refused with a 4xx
 * status and a problem JSON body whose {@code detail} says what is wrong, and must leave every domain table and
 * the process instances exactly as they were.
 *
 * <p>Decisions asserted here: markup ({@code <script>}) in names and CE text fields is refused by the field
 * patterns, not stored; control and invisible formatting characters likewise; a certificate file name carrying
 * a path ({@code ../}) is refused; someone else's certificant number answers 404 exactly like an unknown one.
 */
class HostileInputApiTest extends ApiTestSupport {

  static final String TARGET = "HX-TARGET-1";
  static final String OTHER = "HX-OTHER-1";
  static final String TARGET_EMAIL = "target.hx@example.org";
  static final String OTHER_EMAIL = "other.hx@example.org";
  static final String OWNER_ID = "hostileowner";
  static final String STAFF_ID = "hostilestaff";
  static final String PAYMENTS_ID = "hostilepayments";
  static final String PASSWORD = "hostile-test-password";
  static final String BIG = "A".repeat(2 * 1024 * 1024);

  @Autowired CertificantService certificants;
  @Autowired CeService ce;

  /** Who sends the request: PAYMENTS is the payment provider's service account (card payments). */
  enum Who { ANONYMOUS, OWNER, STAFF, PAYMENTS }

  record Case(String name, Who who, String method, String path, String contentType, Supplier<byte[]> body,
      int status, String... detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeEach
  void world() {
    setClock(LocalDate.of(2026, 11, 20));
    Certificant target = certificants.findByNumber(TARGET).orElseGet(() -> certificants.register(TARGET, "Tara",
        "Target", List.of(TARGET_EMAIL),
        List.of(new NewCertification(CertificationType.CPCS, LocalDate.of(2023, 3, 15), 2026))));
    Certificant other = certificants.findByNumber(OTHER).orElseGet(() -> certificants.register(OTHER, "Otto",
        "Other", List.of(OTHER_EMAIL),
        List.of(new NewCertification(CertificationType.CPMSM, LocalDate.of(2023, 3, 15), 2026))));
    if (ce.listWithCertificates(other.getId()).isEmpty()) {
      ce.add(other, new CeService.NewActivity("Other's course", "NAMSS", LocalDate.of(2025, 1, 1),
          new java.math.BigDecimal("3"), true, org.namss.recert.ce.Attendance.IN_PERSON, "Austin", "TX"), null, null);
    }
    user(OWNER_ID, TARGET_EMAIL, Groups.CERTIFICANTS);
    user(STAFF_ID, null, Groups.STAFF);
    user(PAYMENTS_ID, null, Groups.PAYMENT_SERVICE);
    otherActivityId = ce.listWithCertificates(other.getId()).get(0).activity().getId();
    assertThat(target.getId()).isNotNull();
  }

  static Long otherActivityId;

  private void user(String id, String email, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setEmail(email);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  @DisplayName("A hostile request is refused with 4xx and a problem detail, and changes nothing")
  void refused(Case c) {
    Map<String, Long> before = snapshot();
    Caller caller = switch (c.who()) {
      case ANONYMOUS -> Caller.ANONYMOUS;
      case OWNER -> new Caller(OWNER_ID, PASSWORD);
      case STAFF -> new Caller(STAFF_ID, PASSWORD);
      case PAYMENTS -> new Caller(PAYMENTS_ID, PASSWORD);
    };
    String path = c.path().replace("{n}", TARGET).replace("{o}", OTHER)
        .replace("{oa}", String.valueOf(otherActivityId));

    Response response = send(c.method(), path, caller, c.contentType(), c.body() == null ? null : c.body().get());

    assertProblem(response, c.status(), c.detail());
    assertThat(snapshot()).as("rows and process instances after %s", c.name()).isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------- the cases

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    registration(all);
    lookups(all);
    emails(all);
    ceActivities(all);
    certificates(all);
    progressAndApplications(all);
    payments(all);
    operations(all);
    assertThat(all).as("the suite's size").hasSizeGreaterThanOrEqualTo(100);
    return all.stream();
  }

  static Map<String, Object> validRegistration() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("number", "HX-NEW-1");
    body.put("firstName", "Nora");
    body.put("lastName", "New");
    body.put("emails", List.of("nora.new.hx@example.org"));
    Map<String, Object> cpcs = new LinkedHashMap<>();
    cpcs.put("type", "CPCS");
    cpcs.put("initialCertificationDate", "2020-05-04");
    body.put("certifications", new ArrayList<>(List.of(cpcs)));
    return body;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> firstCertification(Map<String, Object> body) {
    return ((List<Map<String, Object>>) body.get("certifications")).get(0);
  }

  static void register(List<Case> all, String name, Consumer<Map<String, Object>> change, int status,
      String... detail) {
    Map<String, Object> body = validRegistration();
    change.accept(body);
    byte[] json = toJson(body).getBytes(StandardCharsets.UTF_8);
    all.add(new Case("register: " + name, Who.STAFF, "POST", "/api/certificants", "application/json", () -> json,
        status, detail));
  }

  static void registerRaw(List<Case> all, String name, String contentType, String raw, int status,
      String... detail) {
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    all.add(new Case("register: " + name, Who.STAFF, "POST", "/api/certificants", contentType, () -> bytes, status,
        detail));
  }

  static void registration(List<Case> all) {
    register(all, "number missing", b -> b.remove("number"), 400, "number");
    register(all, "number null", b -> b.put("number", null), 400, "number");
    register(all, "number an object", b -> b.put("number", Map.of("$gt", "")), 400, "number");
    register(all, "number of 21 characters", b -> b.put("number", "1".repeat(21)), 400, "number");
    register(all, "number with path traversal", b -> b.put("number", "../../etc/passwd"), 400, "number");
    register(all, "number SQL-ish", b -> b.put("number", "1; DROP TABLE certificant"), 400, "number");
    register(all, "number in full-width digits", b -> b.put("number", "１２３４"), 400, "number");
    register(all, "first name <script>", b -> b.put("firstName", "<script>alert(1)</script>"), 400, "firstName");
    register(all, "last name HTML", b -> b.put("lastName", "<img src=x onerror=alert(1)>"), 400, "lastName");
    register(all, "first name SQL-ish", b -> b.put("firstName", "Robert'); DROP TABLE certificant;--"), 400,
        "firstName");
    register(all, "last name SQL tautology", b -> b.put("lastName", "' OR '1'='1"), 400, "lastName");
    register(all, "first name of 2 MB", b -> b.put("firstName", BIG), 400, "firstName");
    register(all, "last name with a right-to-left override", b -> b.put("lastName", "Ann\u202Eeb"), 400,
        "lastName");
    register(all, "first name with a zero-width space", b -> b.put("firstName", "No\u200Bra"), 400, "firstName");
    register(all, "first name with an emoji", b -> b.put("firstName", "Nora\uD83D\uDE00"), 400, "firstName");
    register(all, "first name with NUL", b -> b.put("firstName", "Nora\u0000"), 400, "firstName");
    register(all, "first name blank", b -> b.put("firstName", "   "), 400, "firstName");
    register(all, "first name a number", b -> b.put("firstName", 42), 400, "firstName");
    register(all, "last name a list", b -> b.put("lastName", List.of("New")), 400, "lastName");
    register(all, "emails a string, not a list", b -> b.put("emails", "nora@example.org"), 400, "emails");
    register(all, "emails with null", b -> b.put("emails", java.util.Arrays.asList((String) null)), 400, "emails");
    register(all, "email with markup", b -> b.put("emails", List.of("<script>@example.org")), 400, "emails");
    register(all, "email SQL-ish", b -> b.put("emails", List.of("x@x.org' OR '1'='1")), 400, "emails");
    register(all, "email of 300 characters", b -> b.put("emails", List.of("a".repeat(288) + "@example.org")), 400,
        "emails");
    register(all, "50 000 addresses (about 1 MB)", b -> b.put("emails",
        java.util.stream.IntStream.range(0, 50_000).mapToObj(i -> "a" + i + "@example.org").toList()), 400,
        "emails");
    register(all, "emails missing", b -> b.remove("emails"), 400, "emails");
    register(all, "certifications missing", b -> b.remove("certifications"), 400, "certifications");
    register(all, "certifications null", b -> b.put("certifications", null), 400, "certifications");
    register(all, "three certifications", b -> b.put("certifications", List.of(
        Map.of("type", "CPCS", "initialCertificationDate", "2020-01-01"),
        Map.of("type", "CPMSM", "initialCertificationDate", "2020-01-01"),
        Map.of("type", "CPCS", "initialCertificationDate", "2020-01-01"))), 400, "certifications");
    register(all, "unknown certification type CPCSM", b -> firstCertification(b).put("type", "CPCSM"), 400,
        "type", "CPCS, CPMSM");
    register(all, "certification type in lower case", b -> firstCertification(b).put("type", "cpcs"), 400, "type");
    register(all, "certification type a boolean", b -> firstCertification(b).put("type", true), 400, "type");
    register(all, "certification type null", b -> firstCertification(b).put("type", null), 400, "type");
    register(all, "initial date in the future", b -> firstCertification(b).put("initialCertificationDate",
        "2099-01-01"), 400, "initialCertificationDate");
    register(all, "initial date in US format", b -> firstCertification(b).put("initialCertificationDate",
        "12/31/2020"), 400, "initialCertificationDate", "date");
    register(all, "initial date 30 February", b -> firstCertification(b).put("initialCertificationDate",
        "2020-02-30"), 400, "initialCertificationDate");
    register(all, "renewal year 1e9", b -> firstCertification(b).put("renewalYear", 1e9), 400, "renewalYear");
    register(all, "renewal year -1", b -> firstCertification(b).put("renewalYear", -1), 400, "renewalYear");
    register(all, "renewal year as a string", b -> firstCertification(b).put("renewalYear", "2026"), 400,
        "renewalYear");
    register(all, "renewal year off the 3-year cycle (R3)", b -> firstCertification(b).put("renewalYear", 2025),
        400, "renewalYear");
    register(all, "unknown field (mass assignment)", b -> b.put("admin", true), 400, "admin");
    register(all, "unknown nested field status", b -> firstCertification(b).put("status", "ACTIVE"), 400,
        "status");
    register(all, "number already taken (someone else's)", b -> b.put("number", OTHER), 409, "already exists");
    register(all, "address already someone else's", b -> b.put("emails", List.of(OTHER_EMAIL)), 409,
        "already belongs");
    registerRaw(all, "invalid JSON (truncated)", "application/json", "{\"number\": \"HX-NEW-1\",", 400, "JSON");
    registerRaw(all, "empty body", "application/json", "", 400, "JSON");
    registerRaw(all, "a JSON array", "application/json", "[]", 400, "JSON");
    registerRaw(all, "JSON null", "application/json", "null", 400, "JSON");
    registerRaw(all, "NaN as renewal year", "application/json", toJson(validRegistration())
        .replace("\"2020-05-04\"}", "\"2020-05-04\",\"renewalYear\":NaN}"), 400, "JSON");
    registerRaw(all, "JSON nested 5000 deep", "application/json",
        "{\"emails\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400, "emails");
    registerRaw(all, "text/plain", "text/plain", toJson(validRegistration()), 415, "text/plain");
    registerRaw(all, "XML", "application/xml", "<certificant><number>HX-NEW-1</number></certificant>", 415,
        "application/xml");
    registerRaw(all, "a form post", "application/x-www-form-urlencoded", "number=HX-NEW-1&firstName=Nora", 415,
        "not supported");
    byte[] valid = toJson(validRegistration()).getBytes(StandardCharsets.UTF_8);
    all.add(new Case("register: by a certificant (staff only)", Who.OWNER, "POST", "/api/certificants",
        "application/json", () -> valid, 403, "staff"));
    all.add(new Case("register: wrong method PUT", Who.STAFF, "PUT", "/api/certificants", "application/json",
        () -> valid, 405, "PUT"));
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static void get(List<Case> all, String name, Who who, String path, int status, String... detail) {
    all.add(new Case(name, who, "GET", path, null, null, status, detail));
  }

  static void lookups(List<Case> all) {
    get(all, "find: no e-mail parameter", Who.STAFF, "/api/certificants", 400, "email");
    get(all, "find: not an e-mail", Who.STAFF, "/api/certificants?email=not-an-email", 400, "email");
    get(all, "find: empty e-mail", Who.STAFF, "/api/certificants?email=", 400, "email");
    get(all, "find: SQL tautology", Who.STAFF, "/api/certificants?email=" + q("' OR '1'='1"), 400, "email");
    get(all, "find: markup", Who.STAFF, "/api/certificants?email=" + q("<script>@x.org"), 400, "email");
    get(all, "find: unknown address", Who.STAFF, "/api/certificants?email=nobody.hx@example.org", 404,
        "No certificant");
    get(all, "find: someone else's address as a certificant", Who.OWNER,
        "/api/certificants?email=" + q(OTHER_EMAIL), 404, "No certificant with the address " + OTHER_EMAIL);
    get(all, "read: someone else's number as a certificant (404 as unknown)", Who.OWNER, "/api/certificants/{o}",
        404, "No certificant with number " + OTHER);
    get(all, "read: unknown number as a certificant", Who.OWNER, "/api/certificants/HX-NOPE-9", 404,
        "No certificant with number HX-NOPE-9");
    get(all, "read: unknown number as staff", Who.STAFF, "/api/certificants/HX-NOPE-9", 404, "No certificant");
    get(all, "read: number with markup", Who.STAFF, "/api/certificants/" + q("<b>1"), 400, "number");
    get(all, "read: number in full-width digits", Who.STAFF, "/api/certificants/" + q("１２３"), 400, "number");
    get(all, "read: number of 40 characters", Who.STAFF, "/api/certificants/" + "9".repeat(40), 400, "number");
    get(all, "read: number SQL-ish", Who.STAFF, "/api/certificants/" + q("1' OR '1'='1"), 400, "number");
    get(all, "good standing: markup", Who.ANONYMOUS, "/api/good-standing/" + q("<script>"), 400, "number");
    get(all, "good standing: unknown number", Who.ANONYMOUS, "/api/good-standing/HX-NOPE-9", 404, "No certificant");
    get(all, "good standing: SQL-ish number", Who.ANONYMOUS, "/api/good-standing/" + q("1 OR 1=1"), 400,
        "number");
    get(all, "unknown API path", Who.STAFF, "/api/nothing-here", 404, "No such resource");
    all.add(new Case("delete a certificant (no such operation)", Who.STAFF, "DELETE", "/api/certificants/{n}",
        null, null, 405, "DELETE"));
  }

  static void json(List<Case> all, String name, Who who, String path, String raw, int status, String... detail) {
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    all.add(new Case(name, who, "POST", path, "application/json", () -> bytes, status, detail));
  }

  static void emails(List<Case> all) {
    String path = "/api/certificants/{n}/emails";
    json(all, "add e-mail: by the certificant (staff only)", Who.OWNER, path, "{\"email\":\"t2.hx@example.org\"}",
        403, "staff");
    json(all, "add e-mail: not an address", Who.STAFF, path, "{\"email\":\"t2 at example\"}", 400, "email");
    json(all, "add e-mail: missing", Who.STAFF, path, "{}", 400, "email");
    json(all, "add e-mail: unknown field", Who.STAFF, path, "{\"email\":\"t3.hx@example.org\",\"primary\":true}",
        400, "primary");
    json(all, "add e-mail: someone else's", Who.STAFF, path, "{\"email\":\"" + OTHER_EMAIL.toUpperCase() + "\"}",
        409, "another certificant");
    json(all, "add e-mail: its own again", Who.STAFF, path, "{\"email\":\"" + TARGET_EMAIL + "\"}", 409,
        "already");
    json(all, "add e-mail: unknown certificant", Who.STAFF, "/api/certificants/HX-NOPE-9/emails",
        "{\"email\":\"t4.hx@example.org\"}", 404, "No certificant");
  }

  static final String CE = "/api/certificants/{n}/ce-activities";

  static Map<String, Object> validActivity() {
    return activity("2025-04-10", 3, true);
  }

  static void activityCase(List<Case> all, String name, Consumer<Map<String, Object>> change, int status,
      String... detail) {
    Map<String, Object> activity = validActivity();
    change.accept(activity);
    String json = toJson(activity);
    all.add(multipartCase("CE: " + name, Who.OWNER, "POST", CE,
        ceUpload(json, "certificate.pdf", "application/pdf", Files.PDF), status, detail));
  }

  static Case multipartCase(String name, Who who, String method, String path, Multipart multipart, int status,
      String... detail) {
    return new Case(name, who, method, path, multipart.contentType(), multipart::bytes, status, detail);
  }

  static void ceActivities(List<Case> all) {
    activityCase(all, "credits 0", a -> a.put("credits", 0), 400, "credits");
    activityCase(all, "credits -1", a -> a.put("credits", -1), 400, "credits");
    activityCase(all, "credits 1e9", a -> a.put("credits", 1e9), 400, "credits");
    activityCase(all, "credits 0.001", a -> a.put("credits", 0.001), 400, "credits");
    activityCase(all, "credits 50.01", a -> a.put("credits", 50.01), 400, "credits");
    activityCase(all, "credits a word", a -> a.put("credits", "ten"), 400, "credits");
    activityCase(all, "credits a numeric string", a -> a.put("credits", "10"), 400, "credits");
    activityCase(all, "credits null", a -> a.put("credits", null), 400, "credits");
    activityCase(all, "credits a list", a -> a.put("credits", List.of(1, 2)), 400, "credits");
    activityCase(all, "earned in the future", a -> a.put("earnedOn", "2027-01-01"), 400, "earnedOn", "future");
    activityCase(all, "earned before the window (R9)", a -> a.put("earnedOn", "2019-06-01"), 400, "earnedOn",
        "window");
    activityCase(all, "earned the day before the initial certification (R9)", a -> a.put("earnedOn", "2023-03-14"),
        400, "earnedOn", "2023-03-15");
    activityCase(all, "earned on year 0", a -> a.put("earnedOn", "0000-01-01"), 400, "earnedOn");
    activityCase(all, "earned 'yesterday'", a -> a.put("earnedOn", "yesterday"), 400, "earnedOn", "date");
    activityCase(all, "earned missing", a -> a.remove("earnedOn"), 400, "earnedOn");
    activityCase(all, "approved 'yes'", a -> a.put("associationApproved", "yes"), 400, "associationApproved");
    activityCase(all, "approved 1", a -> a.put("associationApproved", 1), 400, "associationApproved");
    activityCase(all, "approved null", a -> a.put("associationApproved", null), 400, "associationApproved");
    activityCase(all, "attendance HYBRID", a -> a.put("attendance", "HYBRID"), 400, "attendance", "IN_PERSON");
    activityCase(all, "attendance missing", a -> a.remove("attendance"), 400, "attendance");
    activityCase(all, "title <script>", a -> a.put("title", "<script>alert(1)</script>"), 400, "title");
    activityCase(all, "provider HTML", a -> a.put("provider", "<b onmouseover=alert(1)>NAMSS</b>"), 400,
        "provider");
    activityCase(all, "city with NUL", a -> a.put("city", "Boston\u0000"), 400, "city");
    activityCase(all, "state with a right-to-left override", a -> a.put("state", "M\u202EA"), 400, "state");
    activityCase(all, "title with a zero-width joiner only", a -> a.put("title", "\u200D"), 400, "title");
    activityCase(all, "title of 2 MB (a form field over 2 MB: 413)", a -> a.put("title", BIG), 413, "too large");
    activityCase(all, "provider of 2 MB (a form field over 2 MB: 413)", a -> a.put("provider", BIG), 413,
        "too large");
    activityCase(all, "title of 100 000 characters", a -> a.put("title", "T".repeat(100_000)), 400, "title");
    activityCase(all, "title blank", a -> a.put("title", " "), 400, "title");
    activityCase(all, "city missing", a -> a.remove("city"), 400, "city");
    activityCase(all, "verification sent by the certificant (mass assignment)", a -> a.put("verification",
        "VERIFIED"), 400, "verification");
    activityCase(all, "certificant id sent (mass assignment)", a -> a.put("certificantId", 1), 400,
        "certificantId");
    all.add(multipartCase("CE: activity part not JSON", Who.OWNER, "POST", CE,
        ceUpload("title=x&credits=3", "c.pdf", "application/pdf", Files.PDF), 400, "JSON"));
    all.add(multipartCase("CE: activity part a JSON array", Who.OWNER, "POST", CE,
        ceUpload("[1,2]", "c.pdf", "application/pdf", Files.PDF), 400, "JSON"));
    all.add(multipartCase("CE: activity part missing", Who.OWNER, "POST", CE,
        new Multipart().part("certificate", "c.pdf", "application/pdf", Files.PDF), 400, "activity"));
    all.add(multipartCase("CE: activity part as text/plain", Who.OWNER, "POST", CE,
        new Multipart().part("activity", null, "text/plain", toJson(validActivity()).getBytes())
            .part("certificate", "c.pdf", "application/pdf", Files.PDF), 415, "text/plain"));
    byte[] activityJson = toJson(validActivity()).getBytes(StandardCharsets.UTF_8);
    all.add(new Case("CE: JSON instead of multipart", Who.OWNER, "POST", CE, "application/json",
        () -> activityJson, 415, "application/json"));
    all.add(new Case("CE: multipart without its closing boundary", Who.OWNER, "POST", CE,
        "multipart/form-data; boundary=xyz", () -> "--xyz\r\nContent-Disposition: form-data; name=\"activity\"\r\n\r\n{"
            .getBytes(StandardCharsets.UTF_8), 400, "multipart"));
    all.add(multipartCase("CE: for someone else's number (404 as unknown)", Who.OWNER, "POST",
        "/api/certificants/{o}/ce-activities", ceUpload(validActivity(), "c.pdf", "application/pdf", Files.PDF), 404,
        "No certificant with number " + OTHER));
    all.add(multipartCase("CE: for an unknown number", Who.OWNER, "POST", "/api/certificants/HX-NOPE-9/ce-activities",
        ceUpload(validActivity(), "c.pdf", "application/pdf", Files.PDF), 404, "No certificant with number HX-NOPE-9"));
  }

  static void certificates(List<Case> all) {
    Map<String, Object> a = validActivity();
    all.add(multipartCase("certificate: a spreadsheet (R10)", Who.OWNER, "POST", CE,
        ceUpload(a, "ce.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Files.XLSX), 400,
        "certificate", "PDF"));
    all.add(multipartCase("certificate: text named .pdf", Who.OWNER, "POST", CE,
        ceUpload(a, "certificate.pdf", "application/pdf", Files.TEXT), 400, "certificate"));
    all.add(multipartCase("certificate: HTML named .png", Who.OWNER, "POST", CE,
        ceUpload(a, "badge.png", "image/png", "<html><script>alert(1)</script></html>".getBytes()), 400,
        "certificate"));
    all.add(multipartCase("certificate: empty", Who.OWNER, "POST", CE,
        ceUpload(a, "certificate.pdf", "application/pdf", new byte[0]), 400, "certificate", "empty"));
    all.add(multipartCase("certificate: path traversal in the file name", Who.OWNER, "POST", CE,
        ceUpload(a, "../../../etc/passwd", "application/pdf", Files.PDF), 400, "certificate", "file name"));
    all.add(multipartCase("certificate: Windows path in the file name", Who.OWNER, "POST", CE,
        ceUpload(a, "..\\..\\windows\\win.ini", "application/pdf", Files.PDF), 400, "certificate", "file name"));
    all.add(multipartCase("certificate: absolute path in the file name", Who.OWNER, "POST", CE,
        ceUpload(a, "/etc/cron.d/evil.pdf", "application/pdf", Files.PDF), 400, "certificate", "file name"));
    all.add(multipartCase("certificate: 11 MB upload", Who.OWNER, "POST", CE,
        ceUpload(a, "big.pdf", "application/pdf", Files.pdfOfSize(11 * 1024 * 1024)), 413, "10 MB"));
    String attach = "/api/certificants/{n}/ce-activities/%s/certificate";
    Multipart file = new Multipart().part("certificate", "c.pdf", "application/pdf", Files.PDF);
    all.add(multipartCase("attach: activity id a word", Who.OWNER, "PUT", attach.formatted("abc"), file, 400,
        "activityId"));
    all.add(multipartCase("attach: activity id 0", Who.OWNER, "PUT", attach.formatted("0"), file, 400,
        "activityId"));
    all.add(multipartCase("attach: activity id -5", Who.OWNER, "PUT", attach.formatted("-5"), file, 400,
        "activityId"));
    all.add(multipartCase("attach: activity id beyond a long", Who.OWNER, "PUT",
        attach.formatted("99999999999999999999"), file, 400, "activityId"));
    all.add(multipartCase("attach: unknown activity", Who.OWNER, "PUT", attach.formatted("987654321"), file, 404,
        "No CE activity"));
    all.add(multipartCase("attach: someone else's activity under one's own number", Who.OWNER, "PUT",
        attach.formatted("{oa}"), file, 404, "No CE activity"));
    all.add(multipartCase("attach: certificate part missing", Who.OWNER, "PUT", attach.formatted("{oa}"),
        new Multipart().part("file", "c.pdf", "application/pdf", Files.PDF), 400, "certificate"));
    get(all, "download: someone else's certificate", Who.OWNER,
        "/api/certificants/{n}/ce-activities/{oa}/certificate", 404, "No CE activity");
    get(all, "list CE: someone else's", Who.OWNER, "/api/certificants/{o}/ce-activities", 404, "No certificant");
  }

  static void progressAndApplications(List<Case> all) {
    String progress = "/api/certificants/{n}/ce-progress";
    get(all, "progress: renewal year a word", Who.OWNER, progress + "?renewalYear=abc", 400, "renewalYear");
    get(all, "progress: renewal year 1969", Who.OWNER, progress + "?renewalYear=1969", 400, "renewalYear");
    get(all, "progress: renewal year beyond an int", Who.OWNER, progress + "?renewalYear=99999999999", 400,
        "renewalYear");
    get(all, "progress: no certification due in 2029", Who.OWNER, progress + "?renewalYear=2029", 422, "2029");
    get(all, "progress: someone else's", Who.OWNER, "/api/certificants/{o}/ce-progress", 404, "No certificant");
    String applications = "/api/certificants/{n}/applications";
    json(all, "apply: renewal year a word", Who.OWNER, applications, "{\"renewalYear\":\"soon\"}", 400,
        "renewalYear");
    json(all, "apply: renewal year 1999", Who.OWNER, applications, "{\"renewalYear\":1999}", 400, "renewalYear");
    json(all, "apply: renewal year with no certification due", Who.OWNER, applications, "{\"renewalYear\":2029}",
        422, "2029");
    json(all, "apply: unknown field", Who.OWNER, applications, "{\"renewalYear\":2026,\"timing\":\"ON_TIME\"}", 400,
        "timing");
    json(all, "apply: invalid JSON", Who.OWNER, applications, "{renewalYear:2026}", 400, "JSON");
    json(all, "apply: for someone else (404 as unknown)", Who.OWNER, "/api/certificants/{o}/applications",
        "{\"renewalYear\":2026}", 404, "No certificant with number " + OTHER);
    all.add(new Case("extension: short of half the credits (R20)", Who.OWNER, "POST",
        "/api/certificants/{n}/extension-requests", null, null, 422, "credit"));
    all.add(new Case("extension: for someone else", Who.OWNER, "POST", "/api/certificants/{o}/extension-requests",
        null, null, 404, "No certificant"));
  }

  /** Card payments are confirmed by the payment provider's service account (or staff), never the certificant. */
  static void payments(List<Case> all) {
    String pay = "/api/certificants/{n}/invoices/%s/card-payments";
    json(all, "card: invoice number in lower case", Who.PAYMENTS, pay.formatted("inv-1"),
        "{\"amount\":10,\"cardReference\":\"ch_1\"}", 400, "invoiceNumber");
    json(all, "card: negative amount", Who.PAYMENTS, pay.formatted("INV-1"),
        "{\"amount\":-5,\"cardReference\":\"ch_1\"}", 400, "amount");
    json(all, "card: amount a word", Who.PAYMENTS, pay.formatted("INV-1"),
        "{\"amount\":\"ten\",\"cardReference\":\"ch_1\"}", 400, "amount");
    json(all, "card: amount 1e9", Who.PAYMENTS, pay.formatted("INV-1"),
        "{\"amount\":1e9,\"cardReference\":\"ch_1\"}", 400, "amount");
    json(all, "card: reference with markup", Who.PAYMENTS, pay.formatted("INV-1"),
        "{\"amount\":10,\"cardReference\":\"<script>\"}", 400, "cardReference");
    json(all, "card: reference missing", Who.PAYMENTS, pay.formatted("INV-1"), "{\"amount\":10}", 400,
        "cardReference");
    json(all, "card: unknown invoice", Who.PAYMENTS, pay.formatted("INV-NOPE-1"),
        "{\"amount\":10,\"cardReference\":\"ch_1\"}", 404, "No invoice");
    json(all, "card: unknown certificant", Who.PAYMENTS, "/api/certificants/HX-NOPE-9/invoices/INV-1/card-payments",
        "{\"amount\":10,\"cardReference\":\"ch_1\"}", 404, "No certificant with number HX-NOPE-9");
    json(all, "card: by the certificant, for their own invoice", Who.OWNER, pay.formatted("INV-NOPE-1"),
        "{\"amount\":10,\"cardReference\":\"ch_1\"}", 403, "payment provider");
    json(all, "card: by a certificant, someone else's account (404 as unknown)", Who.OWNER,
        "/api/certificants/{o}/invoices/INV-1/card-payments", "{\"amount\":10,\"cardReference\":\"ch_1\"}", 404,
        "No certificant with number " + OTHER);
  }

  static void operations(List<Case> all) {
    json(all, "open renewal: by a certificant", Who.OWNER, "/api/renewals",
        "{\"certificantNumber\":\"" + TARGET + "\",\"renewalYear\":2026}", 403, "operations");
    json(all, "open renewal: unknown certificant", Who.STAFF, "/api/renewals",
        "{\"certificantNumber\":\"HX-NOPE-9\",\"renewalYear\":2026}", 404, "No certificant");
    json(all, "open renewal: year 1999", Who.STAFF, "/api/renewals",
        "{\"certificantNumber\":\"" + TARGET + "\",\"renewalYear\":1999}", 400, "renewalYear");
    json(all, "open renewal: markup as number", Who.STAFF, "/api/renewals",
        "{\"certificantNumber\":\"<script>\",\"renewalYear\":2026}", 400, "certificantNumber");
    json(all, "open renewal: year with nothing due", Who.STAFF, "/api/renewals",
        "{\"certificantNumber\":\"" + TARGET + "\",\"renewalYear\":2029}", 422, "2029");
    get(all, "outbox: by a certificant", Who.OWNER, "/api/outbox", 403, "staff");
    get(all, "outbox: id a word", Who.STAFF, "/api/outbox/abc", 400, "id");
    get(all, "outbox: id 0", Who.STAFF, "/api/outbox/0", 400, "id");
    get(all, "outbox: recipient of 300 characters", Who.STAFF, "/api/outbox?recipient=" + "r".repeat(300), 400,
        "recipient");
    get(all, "badges: unknown status", Who.STAFF, "/api/badges?status=NOPE", 400, "status");
  }
}
