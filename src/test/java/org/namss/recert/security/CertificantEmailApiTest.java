package org.namss.recert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * R2: a certificant's account acts for the certificant whose address is its e-mail, so the certificant cannot
 * change that e-mail (to someone else's address) through the engine REST API, which the Welcome app's profile page
 * also uses; their name and password stay theirs to change, and an administrator may still change the e-mail.
 * (The engine REST answers from this context's engine: {@code ApplicationTest} registers it before each test.)
 */
class CertificantEmailApiTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired CertificantService certificants;

  Certificant ann;
  Certificant bob;
  Caller annUser;

  @BeforeEach
  void twoCertificants() {
    setClock(LocalDate.of(YEAR, 9, 10));
    ann = fixtures.cpcs("Ann", "Able", YEAR);
    bob = fixtures.cpcs("Bob", "Baker", YEAR);
    annUser = newUser(Groups.CERTIFICANTS, ann.primaryEmail());
  }

  @Test
  @DisplayName("R2: a certificant cannot take another certificant's address as their e-mail (403), so still 404")
  void certificantCannotTakeAnotherAddress() {
    assertThat(get("/api/certificants/" + bob.getNumber(), annUser).status()).isEqualTo(404);

    Response refused = putProfile(annUser, annUser.userId(), "Ann", "Able", bob.primaryEmail());

    assertThat(refused.status()).as("%s", refused).isEqualTo(403);
    assertThat(refused.json().path("message").asText())
        .isEqualTo(CertificantIdentityProvider.EMAIL_LOCKED)
        .contains("R2", "Ask certification staff");
    assertThat(user(annUser).getEmail()).isEqualTo(ann.primaryEmail());
    assertThat(get("/api/certificants/" + bob.getNumber(), annUser).status()).isEqualTo(404);
    assertThat(get("/api/certificants/" + ann.getNumber(), annUser).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("R2: a certificant changes their own name (same e-mail) and password")
  void certificantChangesNameAndPassword() {
    Response renamed = putProfile(annUser, annUser.userId(), "Annie", "Able-Baker", ann.primaryEmail());
    assertThat(renamed.status()).as("%s", renamed).isEqualTo(204);
    assertThat(user(annUser).getFirstName()).isEqualTo("Annie");
    assertThat(user(annUser).getLastName()).isEqualTo("Able-Baker");

    // the same address, as R2 compares them: case and surrounding blanks do not make another one
    Response sameAddress = putProfile(annUser, annUser.userId(), "Annie", "Able",
        " " + ann.primaryEmail().toUpperCase() + " ");
    assertThat(sameAddress.status()).as("%s", sameAddress).isEqualTo(204);
    assertThat(user(annUser).getLastName()).isEqualTo("Able");

    String newPassword = "Nw-pw-" + annUser.password();
    Response password = send("PUT", "/engine-rest/user/" + annUser.userId() + "/credentials", annUser,
        "application/json", toJson(Map.of("password", newPassword, "authenticatedUserPassword",
            annUser.password())).getBytes(StandardCharsets.UTF_8));
    assertThat(password.status()).as("%s", password).isEqualTo(204);
    assertThat(identityService.checkPassword(annUser.userId(), newPassword)).isTrue();
    assertThat(get("/api/certificants/" + ann.getNumber(), new Caller(annUser.userId(), newPassword)).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("R2: the administrator changes a certificant user's e-mail (Camunda Admin's call)")
  void administratorChangesTheEmail() {
    String address = "ann.private." + ann.getNumber() + "@example.net";

    Response changed = putProfile(admin(), annUser.userId(), "Ann", "Able", address);

    assertThat(changed.status()).as("%s", changed).isEqualTo(204);
    assertThat(user(annUser).getEmail()).isEqualTo(address);
  }

  @Test
  @DisplayName("R24: a certificant's name changed in their profile is the certificant's name, which the badge carries")
  void nameChangeReachesTheCertificant() {
    Response renamed = putProfile(annUser, annUser.userId(), "Annie", "Able-Baker", ann.primaryEmail());

    assertThat(renamed.status()).as("%s", renamed).isEqualTo(204);
    Response record = get("/api/certificants/" + ann.getNumber(), annUser);
    assertThat(record.json().path("firstName").asText()).isEqualTo("Annie");
    assertThat(record.json().path("lastName").asText()).isEqualTo("Able-Baker");
    assertThat(certificants.get(ann.getId()).fullName()).isEqualTo("Annie Able-Baker");
    assertThat(certificants.get(bob.getId()).fullName()).isEqualTo("Bob Baker");

    // an administrator's change in Camunda Admin is the profile's name too
    Response byAdmin = putProfile(admin(), annUser.userId(), "Ann", "Baker", ann.primaryEmail());
    assertThat(byAdmin.status()).as("%s", byAdmin).isEqualTo(204);
    assertThat(certificants.get(ann.getId()).fullName()).isEqualTo("Ann Baker");
  }

  @Test
  @DisplayName("R24: a blank, too long or non-name name is refused (400) and changes neither the account nor the "
      + "certificant")
  void badNameChangesNothing() {
    putProfile(annUser, annUser.userId(), "Ann", "Able", ann.primaryEmail());
    for (String[] name : new String[][] {{"Ann", " "}, {"", "Able"}, {"Ann", "A".repeat(101)},
        {"Ann", "Able<script>"}}) {
      Response refused = putProfile(annUser, annUser.userId(), name[0], name[1], ann.primaryEmail());

      assertThat(refused.status()).as("%s for %s", refused, List.of(name)).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).containsAnyOf("must not be blank", "at most 100",
          "must be a name");
      assertThat(user(annUser).getFirstName()).isEqualTo("Ann");
      assertThat(user(annUser).getLastName()).isEqualTo("Able");
      assertThat(certificants.get(ann.getId()).fullName()).isEqualTo("Ann Able");
    }
  }

  private Response putProfile(Caller caller, String userId, String firstName, String lastName, String email) {
    String profile = toJson(Map.of("id", userId, "firstName", firstName, "lastName", lastName, "email", email));
    return send("PUT", "/engine-rest/user/" + userId + "/profile", caller, "application/json",
        profile.getBytes(StandardCharsets.UTF_8));
  }

  private User user(Caller caller) {
    return identityService.createUserQuery().userId(caller.userId()).singleResult();
  }
}
