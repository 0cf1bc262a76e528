package org.namss.recert.certificant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staff add a certification earned after registering (R1): the other one, which makes a dual certificant (R5, R6),
 * or the same one again after it expired and the exam was passed anew (R27).
 */
class AddCertificationApiTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired RenewalService renewals;
  @Autowired CertificantService certificants;
  Caller staff;

  @BeforeEach
  void staffUser() {
    setClock(LocalDate.of(YEAR, 7, 10));
    staff = newUser(Groups.STAFF, null);
  }

  private Response add(Certificant certificant, Caller caller, String type, String initial, Integer renewalYear) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", type);
    body.put("initialCertificationDate", initial);
    if (renewalYear != null) {
      body.put("renewalYear", renewalYear);
    }
    return postJson("/api/certificants/" + certificant.getNumber() + "/certifications", caller, body);
  }

  private JsonNode certification(Response read, String type) {
    for (JsonNode certification : read.json().path("certifications")) {
      if (certification.path("type").asText().equals(type)) {
        return certification;
      }
    }
    throw new AssertionError("no " + type + " in " + read);
  }

  @Test
  @DisplayName("R1, R3: a CPCS holder who passed CPMSM in March becomes dual; CPMSM renews in its own year")
  void becomesDual() {
    Certificant dana = fixtures.cpcs("Dana", "Dual", YEAR);

    Response added = add(dana, staff, "CPMSM", YEAR + "-03-01", null);

    assertThat(added.status()).as("%s", added).isEqualTo(200);
    assertThat(certification(added, "CPMSM").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(certification(added, "CPMSM").path("renewalYear").asInt()).isEqualTo(YEAR + 3);
    assertThat(certification(added, "CPCS").path("renewalYear").asInt()).isEqualTo(YEAR);
    assertThat(certificants.get(dana.getId()).getCertifications()).hasSize(2);
  }

  @Test
  @DisplayName("R1, R26: a certification held (active or lapsed) is not added again (409); nothing changes")
  void heldIsRefused() {
    Certificant hal = fixtures.cpcs("Hal", "Held", YEAR);
    Map<String, Long> before = snapshot();

    assertProblem(add(hal, staff, "CPCS", "2025-01-10", null), 409, "already holds CPCS (ACTIVE)");
    renewals.lapse(hal.getId(), YEAR);
    assertProblem(add(hal, staff, "CPCS", "2025-01-10", null), 409,
        "already holds CPCS (LAPSED): a lapsed certification is reinstated (R26), not added again");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("R27: expired, then the exam passed anew: the certification starts afresh under the same number, in "
      + "good standing; an initial date not after the expiry is refused")
  void restartsAfterExpiry() {
    int year = 2023; // the request's dates are validated as past by the real clock: a cycle that is over
    setClock(LocalDate.of(year, 7, 10));
    Certificant exa = fixtures.cpcs("Exa", "Pired", year);
    setClock(LocalDate.of(year + 1, 7, 1));
    renewals.expire(exa.getId(), year);
    setClock(LocalDate.of(year + 1, 11, 10));

    assertProblem(add(exa, staff, "CPCS", (year + 1) + "-06-15", null), 409, "CPCS expired on 2024-07-01");
    Response restarted = add(exa, staff, "CPCS", (year + 1) + "-10-20", null);

    assertThat(restarted.status()).as("%s", restarted).isEqualTo(200);
    assertThat(certification(restarted, "CPCS").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(certification(restarted, "CPCS").path("renewalYear").asInt()).isEqualTo(year + 4);
    assertThat(certificants.get(exa.getId()).getCertifications()).singleElement()
        .satisfies(c -> assertThat(c.getInitialCertificationDate()).isEqualTo(LocalDate.of(year + 1, 10, 20)));
    Response standing = get("/api/good-standing/" + exa.getNumber(), Caller.ANONYMOUS);
    assertThat(standing.json().path("inGoodStanding").asBoolean()).as("%s", standing).isTrue();
  }

  @Test
  @DisplayName("R3, R5: not into a renewal already open, whose credits and fees were decided without it (409)")
  void notIntoAnOpenRenewal() {
    Certificant olga = fixtures.cpcs("Olga", "Open", YEAR);
    setClock(LocalDate.of(YEAR, 8, 1));
    renewals.open(olga.getId(), YEAR).orElseThrow();

    assertProblem(add(olga, staff, "CPMSM", (YEAR - 3) + "-05-01", YEAR), 409,
        "The " + YEAR + " renewal of " + olga.getNumber() + " is already open");
    assertThat(certificants.get(olga.getId()).getCertifications()).hasSize(1);
  }

  @Test
  @DisplayName("Only staff add certifications (403 for a certificant); a future initial date is a 400")
  void staffOnlyAndValidated() {
    Certificant cy = fixtures.cpcs("Cy", "Self", YEAR);
    Caller self = newUser(Groups.CERTIFICANTS, cy.primaryEmail());

    assertThat(add(cy, self, "CPMSM", YEAR + "-03-01", null).status()).isEqualTo(403);
    assertProblem(add(cy, staff, "CPMSM", (YEAR + 1) + "-03-01", null), 400, "initialCertificationDate");
    assertThat(certificants.get(cy.getId()).getCertifications()).hasSize(1);
  }
}
