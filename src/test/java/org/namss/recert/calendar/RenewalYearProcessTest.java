package org.namss.recert.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiException;
import org.namss.recert.badge.BadgeRequest;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.renewal.RenewalPhase;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One renewal year per test, from the opening on 1 August to what 1 January, 1 June and 1 July bring, with the
 * engine clock moved day by day and the due timers run (R1a, R8, R17, R19, R23, R25-R28).
 */
class RenewalYearProcessTest extends TimeTravelTest {

  static final int YEAR = 2026;
  static final LocalDate OPENS = LocalDate.of(YEAR, 8, 1);
  static final LocalDate NEW_YEAR = LocalDate.of(YEAR + 1, 1, 1);

  @Autowired BadgeService badges;

  /** R1a: opened on 1 August as the calendar does; the APPLICATION_OPEN mail goes out; lapse timer on 1 Jan. */
  private String openOnFirstOfAugust(Certificant certificant) {
    setClock(OPENS.atTime(6, 0));
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("EventGateway_AwaitApplication");
    assertThat(timerDates(pid)).containsExactly(midnight(NEW_YEAR));
    assertThat(text(mailWithSubject(certificant, "recertification application is open")))
        .contains("Your 2026 CPCS recertification application is open", "December 1, 2026");
    return pid;
  }

  private Certificant dueIn2026(String first, String last) {
    setClock(LocalDate.of(YEAR, 7, 1));
    return fixtures.cpcs(first, last, YEAR);
  }

  private org.camunda.bpm.engine.history.HistoricProcessInstance history(String pid) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult();
  }

  private void approveReview(String pid) {
    complete(pid, "UserTask_ReviewApplication", Map.of("reviewOutcome", "APPROVE"));
  }

  @Test
  @DisplayName("R8, R16, R17, R19: applies on time (20 Nov): no late fee, renewed to 2029, badge, no lapse on 1 Jan")
  void appliesOnTime() {
    Certificant ana = dueIn2026("Ana", "Ontime");
    String pid = openOnFirstOfAugust(ana);

    travelTo(pid, LocalDate.of(YEAR, 11, 20));
    fixtures.enoughForSingle(ana, YEAR);
    renewals.submit(ana, YEAR);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(engine.getRuntimeService().getVariable(pid, "submissionTiming")).isEqualTo("ON_TIME");
    Invoice invoice = onlyInvoice(ana);
    assertThat(feeCodes(invoice)).containsExactly("RECERTIFICATION_FEE");
    assertThat(invoice.getTotal()).isEqualByComparingTo("175");

    payByCard(ana, invoice);
    executeDueJobs(pid);
    approveReview(pid);

    assertThat(instance(pid)).isNull();
    assertThat(history(pid).getEndActivityId()).isEqualTo("EndEvent_Recertified");
    assertThat(status(ana)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(renewalYearOf(ana)).isEqualTo(YEAR + 3);
    assertThat(inGoodStanding(ana)).isTrue();
    assertThat(text(mailWithSubject(ana, "recertification is approved"))).contains("December 31, 2029");
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(ana.getNumber()))));

    // 1 January passes without any effect: nothing is left to fire
    setClock(NEW_YEAR.atTime(0, 5));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pid).count()).isZero();
    assertThat(status(ana)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(subjectsTo(ana.primaryEmail())).noneMatch(s -> s.contains("lapsed"));
    assertNoIncidents(engine);
  }

  @Test
  @DisplayName("R8, R28: applies late (15 Dec): RECERTIFICATION_FEE + $50 LATE_FEE, renewed, still certified on 2 Jan")
  void appliesLate() {
    Certificant ben = dueIn2026("Ben", "Late");
    String pid = openOnFirstOfAugust(ben);

    travelTo(pid, LocalDate.of(YEAR, 12, 15));
    assertThat(instance(pid)).isWaitingAt("EventGateway_AwaitApplication");
    fixtures.enoughForSingle(ben, YEAR);
    renewals.submit(ben, YEAR);
    executeDueJobs(pid);
    assertThat(engine.getRuntimeService().getVariable(pid, "submissionTiming")).isEqualTo("LATE");
    Invoice invoice = onlyInvoice(ben);
    assertThat(invoice.getLines()).extracting(l -> l.getFeeCode() + "=" + l.getAmount().stripTrailingZeros()
        .toPlainString()).containsExactly("RECERTIFICATION_FEE=175", "LATE_FEE=50");
    assertThat(invoice.getTotal()).isEqualByComparingTo("225");

    payByCard(ben, invoice);
    executeDueJobs(pid);
    travelTo(pid, LocalDate.of(YEAR, 12, 20));
    approveReview(pid);
    assertThat(history(pid).getEndActivityId()).isEqualTo("EndEvent_Recertified");

    travelTo(pid, NEW_YEAR.plusDays(1));
    assertThat(status(ben)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(renewalYearOf(ben)).isEqualTo(YEAR + 3);
    assertThat(inGoodStanding(ben)).isTrue();
    assertThat(subjectsTo(ben.primaryEmail())).noneMatch(s -> s.contains("lapsed"));
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES)));
  }

  /** A badge from the previous cycle (2023), valid until the end of 2026: what a lapse must end. */
  private void priorBadge(Certificant certificant) {
    TestServers.credly().stubFor(post(BADGES).atPriority(1)
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(certificant.getNumber())))
        .willReturn(okJson("{\"data\":{\"id\":\"badge-prior-" + certificant.getNumber() + "\"}}").withStatus(201)));
    badges.issue(new BadgeRequest(certificant.getId(), certificant.getNumber(), certificant.getFirstName(),
        certificant.getLastName(), certificant.primaryEmail(), "CPCS", YEAR - 3,
        OffsetDateTime.parse("2023-11-30T12:00:00-05:00"), OffsetDateTime.parse("2027-01-31T23:59:00-05:00")));
    TestServers.credly().resetRequests();
  }

  /** R25: nothing submitted by 31 Dec: lapsed at 00:00 on 1 Jan, badge ended, letter; standing drops at once. */
  private String lapseOnNewYear(Certificant certificant) {
    String pid = openOnFirstOfAugust(certificant);
    travelTo(pid, LocalDate.of(YEAR, 12, 31).atTime(23, 59));
    assertThat(status(certificant)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(inGoodStanding(certificant)).isTrue();

    travelTo(pid, NEW_YEAR.atTime(0, 1));
    assertThat(instance(pid)).hasPassedInOrder("Catch_LapseDateReached", "ServiceTask_LapseCertification",
        "ServiceTask_RevokeBadge", "ServiceTask_SendLapsedLetter").isWaitingAt("EventGateway_AwaitReinstatement");
    assertThat(status(certificant)).isEqualTo(CertificationStatus.LAPSED);
    assertThat(inGoodStanding(certificant)).isFalse();
    assertThat(cases.findByCertificantIdAndRenewalYear(certificant.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.LAPSED);
    assertThat(text(mailWithSubject(certificant, "certification has lapsed")))
        .contains("Your CPCS certification has lapsed", "June 30, 2027");
    assertThat(timerDates(pid)).containsExactly(midnight(LocalDate.of(YEAR + 1, 7, 1)));
    return pid;
  }

  @Test
  @DisplayName("R25, R17: never applies: lapses on 1 Jan, LAPSED letter, out of good standing, prior badge revoked")
  void neverAppliesAndLapses() {
    Certificant cleo = dueIn2026("Cleo", "Silent");
    priorBadge(cleo);
    lapseOnNewYear(cleo);

    TestServers.credly().verify(1, putRequestedFor(urlEqualTo(BADGES + "/badge-prior-" + cleo.getNumber()
        + "/revoke")).withRequestBody(matchingJsonPath("$.reason")));
    TestServers.credly().verify(0, postRequestedFor(urlEqualTo(BADGES)));
    assertThat(billing.invoicesOf(cleo.getId())).isEmpty();
    assertThat(goodStanding(cleo).get("certifications").toString()).contains("LAPSED");
    assertNoIncidents(engine);
  }

  @Test
  @DisplayName("R26, R28: lapses and is reinstated in May: RECERTIFICATION_FEE + $100 REINSTATEMENT_FEE, ACTIVE, "
      + "badge, REINSTATED mail")
  void lapsesAndIsReinstatedInMay() {
    Certificant dan = dueIn2026("Dan", "Reinstated");
    String pid = lapseOnNewYear(dan);

    travelTo(pid, LocalDate.of(YEAR + 1, 5, 12));
    fixtures.enoughForSingle(dan, YEAR);
    renewals.submit(dan, null);
    executeDueJobs(pid);
    assertThat(engine.getRuntimeService().getVariable(pid, "submissionTiming")).isEqualTo("REINSTATEMENT");
    Invoice invoice = onlyInvoice(dan);
    assertThat(invoice.getLines()).extracting(l -> l.getFeeCode() + "=" + l.getAmount().stripTrailingZeros()
        .toPlainString()).containsExactly("RECERTIFICATION_FEE=175", "REINSTATEMENT_FEE=100");
    assertThat(status(dan)).isEqualTo(CertificationStatus.LAPSED);

    payByCard(dan, invoice);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication");
    approveReview(pid);

    assertThat(history(pid).getEndActivityId()).isEqualTo("EndEvent_Recertified");
    assertThat(status(dan)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(renewalYearOf(dan)).isEqualTo(YEAR + 3);
    assertThat(inGoodStanding(dan)).isTrue();
    assertThat(text(mailWithSubject(dan, "certification is reinstated"))).contains("December 31, 2029");
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(dan.getNumber()))));

    // 1 July, the expiry date of those not reinstated, changes nothing for Dan
    setClock(LocalDate.of(YEAR + 1, 7, 2));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pid).count()).isZero();
    assertThat(subjectsTo(dan.primaryEmail())).noneMatch(s -> s.contains("expired"));
  }

  @Test
  @DisplayName("R27: lapses and expires on 1 July: EXPIRED letter; any later submission refused (new candidate, exam)")
  void lapsesAndExpiresOnFirstOfJuly() {
    Certificant eve = dueIn2026("Eve", "Expired");
    String pid = lapseOnNewYear(eve);
    fixtures.enoughForSingle(eve, YEAR); // the CE is there, but no reinstatement is applied for by 30 June

    travelTo(pid, LocalDate.of(YEAR + 1, 6, 30).atTime(23, 59));
    assertThat(status(eve)).isEqualTo(CertificationStatus.LAPSED);
    travelTo(pid, LocalDate.of(YEAR + 1, 7, 1).atTime(0, 1));

    assertThat(history(pid).getEndActivityId()).isEqualTo("EndEvent_Expired");
    assertThat(status(eve)).isEqualTo(CertificationStatus.EXPIRED);
    assertThat(inGoodStanding(eve)).isFalse();
    assertThat(cases.findByCertificantIdAndRenewalYear(eve.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.EXPIRED);
    assertThat(text(mailWithSubject(eve, "certification has expired"))).contains("Your CPCS certification has expired");

    setClock(LocalDate.of(YEAR + 1, 7, 15));
    assertThatThrownBy(() -> renewals.submit(eve, null)).isInstanceOf(ApiException.class)
        .hasMessageContaining("apply as a new candidate and pass the exam");
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("admin", ApplicationTest.ADMIN_PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.exchange("/api/certificants/" + eve.getNumber() + "/applications",
        HttpMethod.POST, new HttpEntity<>("{\"renewalYear\":" + YEAR + "}", headers), String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(422);
    assertThat(answer.getBody()).contains("apply as a new candidate and pass the exam");
    assertThat(billing.invoicesOf(eve.getId())).isEmpty();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(
        eve.getNumber() + "-" + YEAR).count()).isZero();
  }
}
