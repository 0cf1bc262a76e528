package org.namss.recert.certificant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.renewal.RenewalService;
import org.springframework.beans.factory.annotation.Autowired;
import org.namss.recert.security.Groups;

/** Registering, finding (R2) and reading certificants (R3), and the open good-standing lookup (R17). */
class CertificantApiTest extends ApiTestSupport {

  Caller staff;
  @Autowired RenewalService renewals;

  @BeforeEach
  void staffUser() {
    setClock(LocalDate.of(2026, 9, 10));
    staff = newUser(Groups.STAFF, null);
  }

  static String newNumber() {
    return "C" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
  }

  static Map<String, Object> registration(String number, String... emails) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("number", number);
    body.put("firstName", "Mary-Jo");
    body.put("lastName", "O'Neil");
    body.put("emails", List.of(emails));
    Map<String, Object> cpcs = new LinkedHashMap<>();
    cpcs.put("type", "CPCS");
    cpcs.put("initialCertificationDate", "2020-05-04");
    body.put("certifications", List.of(cpcs));
    return body;
  }

  @Test
  @DisplayName("R2, R3: staff register a certificant with two addresses; either address finds the same person")
  void registerAndFindByAnyAddress() {
    String number = newNumber();
    Map<String, Long> before = snapshot();

    Response created = postJson("/api/certificants", staff,
        registration(number, number + "@work.example.org", "Mary." + number + "@Home.Example.org"));

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/certificants/" + number);
    Map<String, Long> after = snapshot();
    assertThat(after.get("certificant")).isEqualTo(before.get("certificant") + 1);
    assertThat(after.get("certificant_email")).isEqualTo(before.get("certificant_email") + 2);
    assertThat(after.get("certification")).isEqualTo(before.get("certification") + 1);

    for (String address : List.of(number + "@work.example.org", "MARY." + number + "@home.example.org")) {
      Response found = get("/api/certificants?email=" + address, staff);
      assertThat(found.status()).as("%s", found).isEqualTo(200);
      assertThat(found.json().path("number").asText()).isEqualTo(number);
      assertThat(found.json().path("emails")).extracting(JsonNode::asText)
          .containsExactly(number.toLowerCase() + "@work.example.org",
              "mary." + number.toLowerCase() + "@home.example.org");
    }
    assertThat(get("/api/certificants?email=nobody." + number + "@example.org", staff).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("R3: initially certified in 2020, registered in 2026: renewal year 2026, opens 1 Aug, due 1 Dec")
  void statusAndDueDates() {
    String number = newNumber();
    postJson("/api/certificants", staff, registration(number, number + "@example.org"));

    Response read = get("/api/certificants/" + number, staff);

    assertThat(read.status()).isEqualTo(200);
    JsonNode cpcs = read.json().path("certifications").get(0);
    assertThat(cpcs.path("type").asText()).isEqualTo("CPCS");
    assertThat(cpcs.path("renewalYear").asInt()).isEqualTo(2026);
    assertThat(cpcs.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(cpcs.path("goodStanding").asBoolean()).isTrue();
    assertThat(cpcs.path("applicationOpens").asText()).isEqualTo("2026-08-01");
    assertThat(cpcs.path("onTimeDeadline").asText()).isEqualTo("2026-12-01");
    assertThat(cpcs.path("lateDeadline").asText()).isEqualTo("2026-12-31");
  }

  @Test
  @DisplayName("R3: an explicit renewal year off the 3-year cycle is refused, nothing stored")
  void renewalYearOffCycle() {
    Map<String, Object> body = registration(newNumber(), newNumber() + "@example.org");
    @SuppressWarnings("unchecked")
    Map<String, Object> cpcs = ((List<Map<String, Object>>) body.get("certifications")).get(0);
    cpcs.put("renewalYear", 2025);
    Map<String, Long> before = snapshot();

    Response refused = postJson("/api/certificants", staff, body);

    assertProblem(refused, 400, "renewalYear", "multiple of 3");
    assertThat(snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> passedRenewalYears() {
    return Stream.of(
        Arguments.of("2026-09-10", "2017-03-01", 2020, 2026),
        Arguments.of("2026-09-10", "2017-03-01", 2023, 2026),
        Arguments.of("2027-01-01", "2020-05-04", 2026, 2029)); // lapsed on 1 January (R25)
  }

  @ParameterizedTest(name = "on {0}: initially {1}, renewal year {2}")
  @MethodSource("passedRenewalYears")
  @DisplayName("R25-R27: an explicit renewal year that has passed is refused on the renewal year, nothing stored")
  void renewalYearPassed(String today, String initial, int renewalYear, int firstOpen) {
    setClock(LocalDate.parse(today));
    Map<String, Object> body = registration(newNumber(), newNumber() + "@example.org");
    @SuppressWarnings("unchecked")
    Map<String, Object> cpcs = ((List<Map<String, Object>>) body.get("certifications")).get(0);
    cpcs.put("initialCertificationDate", initial);
    cpcs.put("renewalYear", renewalYear);
    Map<String, Long> before = snapshot();

    Response refused = postJson("/api/certificants", staff, body);

    assertProblem(refused, 400, "renewalYear", "not be before " + firstOpen, "lapsed or expired", "R25-R27");
    assertThat(refused.json().path("errors").get(0).path("field").asText())
        .isEqualTo("certifications.renewalYear");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("R8, R25: a renewal year of this year is still open until 31 December: registered, active")
  void renewalYearOfThisYearStillOpen() {
    setClock(LocalDate.of(2026, 12, 31).atTime(23, 30));
    String number = newNumber();
    Map<String, Object> body = registration(number, number + "@example.org");
    @SuppressWarnings("unchecked")
    Map<String, Object> cpcs = ((List<Map<String, Object>>) body.get("certifications")).get(0);
    cpcs.put("initialCertificationDate", "2017-03-01");
    cpcs.put("renewalYear", 2026);

    Response created = postJson("/api/certificants", staff, body);

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode stored = get("/api/certificants/" + number, staff).json().path("certifications").get(0);
    assertThat(stored.path("renewalYear").asInt()).isEqualTo(2026);
    assertThat(stored.path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  @DisplayName("R2: staff add another address; an address of someone else is refused (409) and nothing stored")
  void addEmail() {
    String number = newNumber();
    String other = newNumber();
    postJson("/api/certificants", staff, registration(number, number + "@example.org"));
    postJson("/api/certificants", staff, registration(other, other + "@example.org"));

    Response added = postJson("/api/certificants/" + number + "/emails", staff,
        Map.of("email", "personal." + number + "@example.net"));
    assertThat(added.status()).as("%s", added).isEqualTo(200);
    assertThat(get("/api/certificants?email=personal." + number + "@example.net", staff).json()
        .path("number").asText()).isEqualTo(number);

    Map<String, Long> before = snapshot();
    Response taken = postJson("/api/certificants/" + number + "/emails", staff,
        Map.of("email", other + "@EXAMPLE.org"));
    assertProblem(taken, 409, "belongs to another certificant");
    Response duplicate = postJson("/api/certificants", staff, registration(newNumber(), other + "@example.org"));
    assertProblem(duplicate, 409, "already belongs to certificant " + other);
    Response sameNumber = postJson("/api/certificants", staff, registration(number, newNumber() + "@example.org"));
    assertProblem(sameNumber, 409, "already exists");
    assertThat(snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> badRegistrations() {
    return Stream.of(
        bad("number missing", b -> b.remove("number"), "number"),
        bad("number with spaces", b -> b.put("number", "12 34"), "number"),
        bad("first name blank", b -> b.put("firstName", " "), "firstName"),
        bad("first name with digits", b -> b.put("firstName", "R2D2"), "firstName"),
        bad("last name null", b -> b.put("lastName", null), "lastName"),
        bad("no e-mail", b -> b.put("emails", List.of()), "emails"),
        bad("not an e-mail", b -> b.put("emails", List.of("mary at example")), "emails"),
        bad("same address twice", b -> b.put("emails", List.of("a.b@example.org", "A.B@example.org")), "emails"),
        bad("six addresses", b -> b.put("emails", List.of("a1@x.org", "a2@x.org", "a3@x.org", "a4@x.org",
            "a5@x.org", "a6@x.org")), "emails"),
        bad("no certification", b -> b.put("certifications", List.of()), "certifications"),
        bad("unknown certification type", b -> b.put("certifications",
            List.of(Map.of("type", "CPCSM", "initialCertificationDate", "2020-01-01"))), "type", "CPCS, CPMSM"),
        bad("same certification twice", b -> b.put("certifications", List.of(
            Map.of("type", "CPCS", "initialCertificationDate", "2020-01-01"),
            Map.of("type", "CPCS", "initialCertificationDate", "2021-01-01"))), "certifications"),
        bad("initial date in the future", b -> b.put("certifications",
            List.of(Map.of("type", "CPMSM", "initialCertificationDate", "2099-01-01"))), "initialCertificationDate"),
        bad("initial date not a date", b -> b.put("certifications",
            List.of(Map.of("type", "CPMSM", "initialCertificationDate", "last spring"))), "initialCertificationDate",
            "date"));
  }

  private static Arguments bad(String name, Consumer<Map<String, Object>> change, String... detail) {
    return Arguments.of(name, change, detail);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegistrations")
  @DisplayName("A bad registration answers 400 naming the field, and stores nothing")
  void badRegistration(String name, Consumer<Map<String, Object>> change, String[] detail) {
    String number = newNumber();
    Map<String, Object> body = registration(number, number + "@example.org");
    change.accept(body);
    Map<String, Long> before = snapshot();

    Response refused = postJson("/api/certificants", staff, body);

    assertProblem(refused, 400, detail);
    assertThat(refused.json().path("errors").isArray()).isTrue();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("R2: a certificant may not register people nor add addresses (403), and nothing is stored")
  void certificantMayNotRegister() {
    Caller certificant = newUser(Groups.CERTIFICANTS, "someone." + newNumber() + "@example.org");
    String number = newNumber();
    Map<String, Long> before = snapshot();

    assertProblem(postJson("/api/certificants", certificant, registration(number, number + "@example.org")), 403,
        "staff");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("R17: the good-standing lookup is open, current, and shows no e-mail address")
  void goodStandingIsOpenAndPrivate() {
    String number = newNumber();
    postJson("/api/certificants", staff, registration(number, "private." + number + "@example.org"));

    Response standing = get("/api/good-standing/" + number, Caller.ANONYMOUS);

    assertThat(standing.status()).as("%s", standing).isEqualTo(200);
    assertThat(standing.json().path("name").asText()).isEqualTo("Mary-Jo O'Neil");
    assertThat(standing.json().path("inGoodStanding").asBoolean()).isTrue();
    assertThat(standing.json().path("certifications").get(0).path("status").asText()).isEqualTo("ACTIVE");
    assertThat(standing.body()).doesNotContain("@").doesNotContain("private.");
    assertProblem(get("/api/good-standing/NOPE" + number, Caller.ANONYMOUS), 404, "No certificant");
    // the same lookup by the staff API does need credentials
    assertThat(get("/api/certificants/" + number, Caller.ANONYMOUS).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("R2: staff merge a duplicate account: its addresses (and so its login), CE and other certification "
      + "move to the certificant, the duplicate is gone")
  void mergeADuplicateAccount() {
    Certificant jane = fixtures.cpcs("Jane", "Merge", 2026);
    Certificant duplicate = fixtures.certificant("Jane", "Merge", 2026, CertificationType.CPMSM);
    fixtures.credits(duplicate, LocalDate.of(2025, 3, 1), "12", true);
    String duplicateEmail = duplicate.primaryEmail();
    Caller duplicateLogin = newUser(Groups.CERTIFICANTS, duplicateEmail);
    // before: not theirs (the API answers 404, as for a number that does not exist)
    assertThat(get("/api/certificants/" + jane.getNumber(), duplicateLogin).status()).isEqualTo(404);

    Response merged = postJson("/api/certificants/" + jane.getNumber() + "/merge", staff,
        Map.of("duplicate", duplicate.getNumber()));

    assertThat(merged.status()).as("%s", merged).isEqualTo(200);
    JsonNode what = merged.json().path("merged");
    assertThat(what.path("emails").asInt()).isEqualTo(1);
    assertThat(what.path("ceActivities").asInt()).isEqualTo(1);
    assertThat(what.path("certifications").toString()).isEqualTo("[\"CPMSM\"]");
    JsonNode survivor = merged.json().path("certificant");
    assertThat(survivor.path("emails").toString()).contains(jane.primaryEmail(), duplicateEmail);
    assertThat(survivor.path("certifications").findValuesAsText("type")).containsExactly("CPCS", "CPMSM");
    assertThat(get("/api/certificants/" + duplicate.getNumber(), staff).status()).isEqualTo(404);
    // the duplicate's login now reaches the certificant, whose CE includes the duplicate's activity (R2)
    Response progress = get("/api/certificants/" + jane.getNumber() + "/ce-progress", duplicateLogin);
    assertThat(progress.status()).as("%s", progress).isEqualTo(200);
    assertThat(progress.json().path("certificationCategory").asText()).isEqualTo("DUAL");
    assertThat(progress.json().path("totalCredits").decimalValue()).isEqualByComparingTo("12");
    // the primary address stays the certificant's own
    assertThat(jdbc.queryForObject("select email from certificant_email where certificant_id = ? and "
        + "primary_address", String.class, jane.getId())).isEqualTo(jane.primaryEmail());
  }

  @Test
  @DisplayName("R2: a merge is refused with why, and changes nothing: not staff (403), the same or an unknown number, "
      + "a duplicate with renewal history or a differing certification (409)")
  void mergeRefusals() {
    Certificant jane = fixtures.cpcs("Jane", "Refused", 2026);
    Certificant renewing = fixtures.cpcs("Jane", "Renewing", 2026);
    renewals.open(renewing.getId(), 2026).orElseThrow();
    Certificant differs = fixtures.cpcs("Jane", "Differs", 2027);
    Caller janeLogin = newUser(Groups.CERTIFICANTS, jane.primaryEmail());
    String path = "/api/certificants/" + jane.getNumber() + "/merge";
    Map<String, Long> before = snapshot();

    assertProblem(postJson(path, janeLogin, Map.of("duplicate", differs.getNumber())), 403, "certification staff");
    assertProblem(postJson(path, staff, Map.of("duplicate", jane.getNumber())), 400, "another certificant");
    assertProblem(postJson(path, staff, Map.of("duplicate", "NO-SUCH-1")), 404, "No certificant with number NO-SUCH-1");
    assertProblem(postJson(path, staff, Map.of("duplicate", "<x>")), 400, "letters, digits or dashes");
    assertProblem(postJson(path, staff, Map.of("duplicate", renewing.getNumber())), 409,
        "has renewal history (1 renewals, 1 running processes)", "merge " + jane.getNumber() + " into "
            + renewing.getNumber() + " instead");
    assertProblem(postJson(path, staff, Map.of("duplicate", differs.getNumber())), 409,
        "Both hold CPCS with different records", "renewal year 2026", "renewal year 2027");

    assertThat(snapshot()).isEqualTo(before);
  }
}
