package org.namss.recert.renewal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.security.Groups;
import org.namss.recert.support.TestServers;

/** R24: the name on the Credly badge is exactly the profile's, also after the certificant changed it there. */
class ProfileNameBadgeProcessTest extends TimeTravelTest {

  static final int YEAR = 2026;

  @Test
  @DisplayName("R24: a name changed in the certificant's profile before approval is the name on the Credly badge")
  void nameChangedInProfileIsOnTheBadge() {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant mary = fixtures.cpcs("Mary", "Maiden", YEAR);
    fixtures.enoughForSingle(mary, YEAR);
    // the certificant's own account (its e-mail is theirs, R2), and a name change on its profile page
    User user = engine.getIdentityService().newUser("mary" + mary.getNumber());
    user.setFirstName("Mary");
    user.setLastName("Maiden");
    user.setEmail(mary.primaryEmail());
    user.setPassword("secret-Pass-123");
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(user.getId(), Groups.CERTIFICANTS);
    User stored = engine.getIdentityService().createUserQuery().userId(user.getId()).singleResult();
    stored.setLastName("Married");
    engine.getIdentityService().saveUser(stored);

    String pid = renewals.open(mary.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(mary, YEAR);
    executeDueJobs(pid);
    payByCard(mary, onlyInvoice(mary));
    executeDueJobs(pid);
    complete(pid, "UserTask_ReviewApplication", Map.of("reviewOutcome", "APPROVE"));

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).singleResult())
        .isNull();
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withRequestBody(matchingJsonPath("$.issued_to_first_name", equalTo("Mary")))
        .withRequestBody(matchingJsonPath("$.issued_to_last_name", equalTo("Married"))));
  }
}
