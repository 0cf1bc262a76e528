package org.namss.recert.extension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.renewal.RenewalPhase;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Extension requests through a whole year (R20-R22, R25, R28): granted and completed, not completed, refused. */
class ExtensionProcessTest extends TimeTravelTest {

  static final int YEAR = 2026;
  static final LocalDate JUNE_2 = LocalDate.of(YEAR + 1, 6, 2);

  @Autowired ExtensionService extensions;
  @Autowired RecertApplicationRepository applications;

  private Certificant dueIn2026(String first, String last) {
    setClock(LocalDate.of(YEAR, 7, 1));
    return fixtures.cpcs(first, last, YEAR);
  }

  private String openOnFirstOfAugust(Certificant certificant) {
    setClock(LocalDate.of(YEAR, 8, 1).atTime(6, 0));
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    return pid;
  }

  private String endOf(String pid) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
        .getEndActivityId();
  }

  private long extensionInstances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ExtensionService.PROCESS_KEY).count();
  }

  /** R20, R21: asked on 20 Nov with 16 credits of certificates, $50 paid, audited and approved. */
  private String grantedOnTwentiethOfNovember(Certificant certificant, String renewalPid) {
    String extensionPid = requestedOnTwentiethOfNovember(certificant, renewalPid);
    assertThat(engine.getRuntimeService().getVariable(extensionPid, "extensionEligible")).isEqualTo(true);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(extensionPid)
        .variableName("extensionDecision").count()).as("the decision result is not kept as a serialized map").isZero();
    Invoice fee = onlyInvoice(certificant);
    assertThat(fee.getLines()).extracting(l -> l.getFeeCode() + "=" + l.getAmount().stripTrailingZeros()
        .toPlainString()).containsExactly("EXTENSION_FEE=50");
    assertThat(text(mailWithSubject(certificant, "invoice " + fee.getInvoiceNumber()))).contains("2026");
    payByCard(certificant, fee);

    complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "APPROVE"));
    assertThat(endOf(extensionPid)).isEqualTo("EndEvent_ExtensionGranted");
    assertThat(status(certificant)).isEqualTo(CertificationStatus.EXTENDED);
    assertThat(inGoodStanding(certificant)).isTrue();
    assertThat(cases.findByCertificantIdAndRenewalYear(certificant.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.EXTENDED);
    assertThat(text(mailWithSubject(certificant, "extension is granted")))
        .contains("new deadline June 1, 2027");
    assertThat(instance(renewalPid)).hasPassed("Catch_ExtensionGranted")
        .isWaitingAt("EventGateway_AwaitExtendedApplication");
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(renewalPid)
        .activityId("Catch_ExtendedApplicationSubmitted").eventName("ApplicationSubmitted").count()).isEqualTo(1);
    assertThat(timerDates(renewalPid)).containsExactly(JUNE_2.atStartOfDay());
    return extensionPid;
  }

  @Test
  @DisplayName("R20-R22: extension granted on 20 Nov, completed in April: staff place the invoice, no late fee, "
      + "review, renewed")
  void grantedAndCompletedInApril() {
    Certificant fay = dueIn2026("Fay", "Extended");
    String pid = openOnFirstOfAugust(fay);
    grantedOnTwentiethOfNovember(fay, pid);

    // 1 January: extended, so no lapse
    travelTo(pid, LocalDate.of(YEAR + 1, 1, 1).atTime(0, 1));
    assertThat(status(fay)).isEqualTo(CertificationStatus.EXTENDED);
    assertThat(inGoodStanding(fay)).isTrue();
    assertThat(instance(pid)).isWaitingAt("EventGateway_AwaitExtendedApplication").hasNotPassed(
        "ServiceTask_LapseCertification");

    travelTo(pid, LocalDate.of(YEAR + 1, 4, 14));
    fixtures.credits(fay, LocalDate.of(YEAR, 2, 1), "14", false);
    renewals.submit(fay, null);
    executeDueJobs(pid);
    assertThat(engine.getRuntimeService().getVariable(pid, "submissionTiming")).isEqualTo("EXTENDED");
    assertThat(instance(pid)).isWaitingAt("UserTask_PlaceRecertificationInvoice");
    assertThat(task(pid, "UserTask_PlaceRecertificationInvoice").getId()).isNotNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pid).taskCandidateGroup(
        "certificationStaff").count()).isEqualTo(1);
    assertThat(billing.invoicesOf(fay.getId())).hasSize(1); // only the extension fee so far

    complete(pid, "UserTask_PlaceRecertificationInvoice", Map.of("invoiceConfirmed", true));
    Invoice invoice = billing.invoicesOf(fay.getId()).stream()
        .filter(i -> !i.getLines().get(0).getFeeCode().equals("EXTENSION_FEE")).findFirst().orElseThrow();
    assertThat(invoice.getLines()).extracting(l -> l.getFeeCode()).containsExactly("RECERTIFICATION_FEE");
    assertThat(invoice.getTotal()).isEqualByComparingTo("175");

    payByCard(fay, invoice);
    executeDueJobs(pid);
    complete(pid, "UserTask_ReviewApplication", Map.of("reviewOutcome", "APPROVE"));

    assertThat(endOf(pid)).isEqualTo("EndEvent_Recertified");
    assertThat(status(fay)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(renewalYearOf(fay)).isEqualTo(YEAR + 3);
    assertThat(inGoodStanding(fay)).isTrue();
    assertThat(subjectsTo(fay.primaryEmail())).anyMatch(s -> s.contains("recertification is approved"))
        .noneMatch(s -> s.contains("lapsed"));
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(fay.getNumber()))));
    assertNoIncidents(engine);
  }

  @Test
  @DisplayName("R21, R25: extension granted but not completed: still in good standing on 1 June, lapsed on 2 June")
  void grantedAndNotCompletedLapsesOnSecondOfJune() {
    Certificant gus = dueIn2026("Gus", "Unfinished");
    String pid = openOnFirstOfAugust(gus);
    grantedOnTwentiethOfNovember(gus, pid);

    travelTo(pid, LocalDate.of(YEAR + 1, 6, 1).atTime(23, 59));
    assertThat(status(gus)).isEqualTo(CertificationStatus.EXTENDED);
    assertThat(inGoodStanding(gus)).isTrue();

    travelTo(pid, JUNE_2.atTime(0, 1));
    assertThat(instance(pid)).hasPassedInOrder("Catch_ExtensionDeadlinePassed", "ServiceTask_LapseCertification",
        "ServiceTask_SendLapsedLetter").isWaitingAt("EventGateway_AwaitReinstatement");
    assertThat(status(gus)).isEqualTo(CertificationStatus.LAPSED);
    assertThat(inGoodStanding(gus)).isFalse();
    assertThat(text(mailWithSubject(gus, "certification has lapsed"))).contains("June 30, 2027");
    assertThat(timerDates(pid)).containsExactly(LocalDate.of(YEAR + 1, 7, 1).atStartOfDay());
  }

  @Test
  @DisplayName("R20: too few credits with certificates: 422 with the table's reason, nothing started or invoiced")
  void refusedForTooFewCredits() {
    Certificant hal = dueIn2026("Hal", "Short");
    String pid = openOnFirstOfAugust(hal);
    travelTo(pid, LocalDate.of(YEAR, 11, 20));
    fixtures.credits(hal, LocalDate.of(YEAR - 1, 3, 1), "10", true);
    fixtures.creditsWithoutCertificate(hal, LocalDate.of(YEAR - 1, 4, 1), "10"); // does not count (R10)
    long before = extensionInstances();

    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("admin", ApplicationTest.ADMIN_PASSWORD);
    ResponseEntity<String> answer = rest.exchange("/api/certificants/" + hal.getNumber() + "/extension-requests",
        HttpMethod.POST, new HttpEntity<>(headers), String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(422);
    assertThat(answer.getBody()).contains("An extension request needs certificates for at least 15")
        .contains("you sent 10");
    assertThat(extensionInstances()).isEqualTo(before);
    assertThat(billing.invoicesOf(hal.getId())).isEmpty();
    assertThat(status(hal)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(instance(pid)).isWaitingAt("EventGateway_AwaitApplication");
  }

  @Test
  @DisplayName("R20: once the application is in, a request is refused (409) with the reason; nothing started or "
      + "invoiced, and the renewal goes on")
  void refusedAfterTheApplicationIsIn() {
    Certificant kim = dueIn2026("Kim", "Submitted");
    String pid = openOnFirstOfAugust(kim);
    travelTo(pid, LocalDate.of(YEAR, 11, 20));
    fixtures.enoughForSingle(kim, YEAR);
    renewals.submit(kim, YEAR);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_RecordCheckPayment");
    List<String> invoicesBefore = billing.invoicesOf(kim.getId()).stream().map(Invoice::getInvoiceNumber).toList();
    assertThat(invoicesBefore).hasSize(1);
    long before = extensionInstances();

    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("admin", ApplicationTest.ADMIN_PASSWORD);
    ResponseEntity<String> answer = rest.exchange("/api/certificants/" + kim.getNumber() + "/extension-requests",
        HttpMethod.POST, new HttpEntity<>(headers), String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody()).contains("The 2026 application was already submitted")
        .contains("still waiting for its application (R20)");
    assertThat(extensionInstances()).isEqualTo(before);
    assertThat(billing.invoicesOf(kim.getId())).extracting(Invoice::getInvoiceNumber)
        .containsExactlyElementsOf(invoicesBefore);
    assertThat(cases.findByCertificantIdAndRenewalYear(kim.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.SUBMITTED);
    assertThat(instance(pid)).isWaitingAt("UserTask_RecordCheckPayment");

    // staff starting it from the start form in Tasklist get the same reason, as do unknown numbers (400)
    for (String number : List.of(kim.getNumber(), "NO-SUCH-9")) {
      ResponseEntity<String> started = rest.exchange("/engine-rest/process-definition/key/"
          + ExtensionService.PROCESS_KEY + "/submit-form", HttpMethod.POST, new HttpEntity<>(
              "{\"variables\":{\"certificantNumber\":{\"value\":\"" + number + "\"},"
                  + "\"renewalYear\":{\"value\":" + YEAR + ",\"type\":\"Integer\"}}}", json(headers)), String.class);
      assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(400);
      assertThat(started.getBody()).contains(number.equals("NO-SUCH-9") ? "No certificant with number NO-SUCH-9"
          : "The 2026 application was already submitted");
    }
    assertThat(extensionInstances()).isEqualTo(before);
    assertThat(billing.invoicesOf(kim.getId())).hasSize(1);
  }

  private static HttpHeaders json(HttpHeaders headers) {
    HttpHeaders copy = new HttpHeaders();
    copy.addAll(headers);
    copy.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return copy;
  }

  @Test
  @DisplayName("R20: on 1 December a request at 17:01 Eastern is refused with the cut-off reason; at 16:59 accepted")
  void cutOffAtFivePmOnFirstOfDecember() {
    Certificant ida = dueIn2026("Ida", "Late");
    String idaPid = openOnFirstOfAugust(ida);
    fixtures.credits(ida, LocalDate.of(YEAR - 1, 3, 1), "20", true);
    Certificant jon = dueIn2026("Jon", "Intime");
    String jonPid = openOnFirstOfAugust(jon);
    fixtures.credits(jon, LocalDate.of(YEAR - 1, 3, 1), "20", true);
    long before = extensionInstances();

    setClock(LocalDateTime.of(YEAR, 12, 1, 17, 1));
    assertThatThrownBy(() -> extensions.request(ida)).isInstanceOf(ApiException.class)
        .hasMessage("Extension requests close at 5:00 PM Eastern on December 1, 2026.");
    assertThat(extensionInstances()).isEqualTo(before);
    assertThat(billing.invoicesOf(ida.getId())).isEmpty();
    assertThat(instance(idaPid)).isWaitingAt("EventGateway_AwaitApplication");

    // with milliseconds, as a real clock has them (the request is kept to the second)
    setClock(LocalDateTime.of(YEAR, 12, 1, 16, 59, 30, 537_000_000));
    RecertApplication accepted = extensions.request(jon);
    executeDueJobs(accepted.getProcessInstanceId());
    assertThat(extensionInstances()).isEqualTo(before + 1);
    assertThat(instance(accepted.getProcessInstanceId())).isWaitingAt("UserTask_AuditExtension");
    assertThat(feeCodes(onlyInvoice(jon))).containsExactly("EXTENSION_FEE");
    assertThat(instance(jonPid)).isWaitingAt("EventGateway_AwaitApplication");
  }

  @Test
  @DisplayName("R1a, R20: before the application opens on 1 August an extension cannot be asked for (422, nothing "
      + "started or invoiced); staff keying one that came by e-mail get the same reason on its date")
  void refusedBeforeTheApplicationOpens() {
    Certificant lou = dueIn2026("Lou", "Early");
    fixtures.credits(lou, LocalDate.of(YEAR - 1, 3, 1), "20", true);
    long before = extensionInstances();
    setClock(LocalDate.of(YEAR, 7, 15));

    assertThatThrownBy(() -> extensions.request(lou)).isInstanceOf(ApiException.class)
        .hasMessage("An extension for renewal year 2026 can be requested once its application opens on 2026-08-01 "
            + "(R1a, R20).");
    assertThatThrownBy(() -> startByStaff(lou, "2026-07-14T09:00")).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("once its application opens on 2026-08-01");
    assertThat(extensionInstances()).isEqualTo(before);
    assertThat(billing.invoicesOf(lou.getId())).isEmpty();
    assertThat(applications.findByCertificantIdAndRenewalYearAndKind(lou.getId(), YEAR, ApplicationKind.EXTENSION))
        .isEmpty();
  }

  @Test
  @DisplayName("R20: a request e-mailed at 16:30 on 1 December and keyed in the next morning is judged by when it "
      + "arrived; a time in the future is refused")
  void staffKeyTheTimeTheRequestArrived() {
    Certificant max = dueIn2026("Max", "Mailed");
    String renewalPid = openOnFirstOfAugust(max);
    fixtures.credits(max, LocalDate.of(YEAR - 1, 3, 1), "20", true);
    setClock(LocalDateTime.of(YEAR, 12, 2, 9, 15));

    assertThatThrownBy(() -> startByStaff(max, "2026-12-02T09:30")).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("must not be in the future");
    assertThatThrownBy(() -> startByStaff(max, "yesterday")).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("must be a date and time");
    String pid = startByStaff(max, "2026-12-01T16:30");
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_AuditExtension");
    assertThat(engine.getRuntimeService().getVariable(pid, ExtensionService.REQUESTED_AT))
        .isEqualTo("2026-12-01T16:30");
    assertThat(feeCodes(onlyInvoice(max))).containsExactly("EXTENSION_FEE");
    assertThat(instance(renewalPid)).isWaitingAt("EventGateway_AwaitApplication");
  }

  @Test
  @DisplayName("R20: the application submitted while the audit is open: approving says to refuse instead (400), "
      + "nothing extended")
  void approvingAfterTheApplicationCameInSaysWhy() {
    Certificant ned = dueIn2026("Ned", "Meanwhile");
    String renewalPid = openOnFirstOfAugust(ned);
    travelTo(renewalPid, LocalDate.of(YEAR, 11, 20));
    fixtures.credits(ned, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    String extensionPid = extensions.request(ned).getProcessInstanceId();
    executeDueJobs(extensionPid);
    fixtures.enoughForSingle(ned, YEAR);
    renewals.submit(ned, YEAR);
    executeDueJobs(renewalPid);

    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "APPROVE")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("The 2026 application was submitted while this audit was open, so no extension is needed: "
            + "choose Refuse and say so in the reason.");
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
    assertThat(status(ned)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(cases.findByCertificantIdAndRenewalYear(ned.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.SUBMITTED);

    complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "REFUSE",
        "auditReason", "Your application arrived meanwhile; no extension is needed."));
    assertThat(endOf(extensionPid)).isEqualTo("EndEvent_ExtensionRefused");
    // the refused request's fee is no longer owed: its open invoice is void and cannot be paid any more
    Invoice fee = billing.invoicesOf(ned.getId()).stream()
        .filter(i -> i.getPurpose() == FeePurpose.EXTENSION).findFirst().orElseThrow();
    assertThat(fee.getStatus()).isEqualTo(InvoiceStatus.VOID);
    assertThatThrownBy(() -> payByCard(ned, fee)).isInstanceOf(ApiException.class).hasMessageContaining("VOID");
  }

  /** R20, R22: asked on 20 Nov with 16 credits of certificates; the audit task waits, its $50 invoice open. */
  private String requestedOnTwentiethOfNovember(Certificant certificant) {
    return requestedOnTwentiethOfNovember(certificant, openOnFirstOfAugust(certificant));
  }

  private String requestedOnTwentiethOfNovember(Certificant certificant, String renewalPid) {
    travelTo(renewalPid, LocalDate.of(YEAR, 11, 20));
    fixtures.credits(certificant, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    String extensionPid = extensions.request(certificant).getProcessInstanceId();
    executeDueJobs(extensionPid);
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
    return extensionPid;
  }

  private Map<String, Object> approvedWithCheck(String number, String amount) {
    return Map.of("auditOutcome", "APPROVE", ExtensionService.FEE_PAID_BY, "CHECK", "checkNumber", number,
        "checkDate", "2026-11-18", "checkAmount", amount, "checkPayer", "Pat Payer");
  }

  @Test
  @DisplayName("R20, R22: the audit shows the fee unpaid; approving before it is paid is refused (400), nothing "
      + "changes; granted once the card payment is confirmed")
  void approvalWaitsForTheFee() {
    Certificant una = dueIn2026("Una", "Unpaid");
    String extensionPid = requestedOnTwentiethOfNovember(una);
    Invoice fee = onlyInvoice(una);
    String audit = task(extensionPid, "UserTask_AuditExtension").getId();
    assertThat(engine.getTaskService().getVariablesLocal(audit)).containsEntry("extensionFeePaid", false)
        .containsEntry("invoiceNumber", fee.getInvoiceNumber()).containsEntry("invoiceTotal", "50.00");

    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "APPROVE",
        ExtensionService.FEE_PAID_BY, "CARD"))).isInstanceOf(BadUserRequestException.class)
        .hasMessage("The extension cannot be granted before its fee is paid (R20, R22): the extension fee's invoice "
            + fee.getInvoiceNumber() + " (50.00 USD) is OPEN, no card payment is confirmed. Enter the check that "
            + "paid it, or approve once the card payment is confirmed.");
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
    assertThat(status(una)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(cases.findByCertificantIdAndRenewalYear(una.getId(), YEAR).orElseThrow().getPhase())
        .isEqualTo(RenewalPhase.OPEN);
    assertThat(billing.invoice(fee.getId()).getStatus()).isEqualTo(InvoiceStatus.OPEN);

    payByCard(una, fee);
    complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "APPROVE",
        ExtensionService.FEE_PAID_BY, "CARD"));
    assertThat(endOf(extensionPid)).isEqualTo("EndEvent_ExtensionGranted");
    assertThat(status(una)).isEqualTo(CertificationStatus.EXTENDED);
  }

  @Test
  @DisplayName("R14, R20, R22: the fee paid by check, entered on the audit form: recorded, invoice paid, granted")
  void feePaidByCheckOnTheAuditForm() {
    Certificant cy = dueIn2026("Cy", "Check");
    String extensionPid = requestedOnTwentiethOfNovember(cy);
    Invoice fee = onlyInvoice(cy);

    complete(extensionPid, "UserTask_AuditExtension", approvedWithCheck(" 4711 ", "50.00"));
    assertThat(endOf(extensionPid)).isEqualTo("EndEvent_ExtensionGranted");
    assertThat(status(cy)).isEqualTo(CertificationStatus.EXTENDED);
    assertThat(billing.invoice(fee.getId()).getStatus()).isEqualTo(InvoiceStatus.PAID);
    assertThat(billing.paymentsOf(fee.getId())).extracting(p -> p.getCheckNumber() + "=" + p.getAmount()
        .toPlainString() + " " + p.getCheckDate() + " " + p.getPayer())
        .containsExactly("4711=50.00 2026-11-18 Pat Payer");
    assertThat(billing.findPayments("4711", null, FeePurpose.EXTENSION, 0, 10).getContent()).hasSize(1);
  }

  @Test
  @DisplayName("R14, R20: a check that leaves part of the fee unpaid, or with a field missing, is refused (400) and "
      + "not recorded; the audit waits")
  void aCheckThatDoesNotPayTheFeeIsRefused() {
    Certificant pia = dueIn2026("Pia", "Partial");
    String extensionPid = requestedOnTwentiethOfNovember(pia);
    Invoice fee = onlyInvoice(pia);

    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", approvedWithCheck("12", "25.00")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("Check 12 leaves 25.00 USD of the extension fee's invoice " + fee.getInvoiceNumber()
            + " (50.00 USD) unpaid, so it was not recorded: the extension is granted once the whole fee is paid "
            + "(R20, R22).");
    Map<String, Object> noPayer = new java.util.HashMap<>(approvedWithCheck("12", "50.00"));
    noPayer.remove("checkPayer");
    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", noPayer))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("The check cannot be recorded: the payer is required.");
    assertThat(billing.paymentsOf(fee.getId())).isEmpty();
    assertThat(billing.invoice(fee.getId()).getStatus()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
    assertThat(status(pia)).isEqualTo(CertificationStatus.ACTIVE);
  }

  @Test
  @DisplayName("R20: refusing without the reason the certificant reads, or an outcome the audit does not know, is "
      + "refused (the form's 400); the audit waits")
  void auditOutcomeIsValidated() {
    Certificant rae = dueIn2026("Rae", "Reasonless");
    String extensionPid = requestedOnTwentiethOfNovember(rae);

    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "REFUSE")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("Write the message the certificant will read: it is required to refuse");
    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", Map.of("auditOutcome", "GRANT")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("The outcome 'GRANT' is not one of [APPROVE, REFUSE]");
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
    assertThat(onlyInvoice(rae).getStatus()).isEqualTo(InvoiceStatus.OPEN);
  }

  @Test
  @DisplayName("R20: a check entered for a fee the provider confirmed meanwhile is refused, not a second payment")
  void aCheckForAFeePaidMeanwhileIsRefused() {
    Certificant dee = dueIn2026("Dee", "Twice");
    String extensionPid = requestedOnTwentiethOfNovember(dee);
    Invoice fee = onlyInvoice(dee);
    payByCard(dee, fee); // after the task showed the fee unpaid

    assertThatThrownBy(() -> complete(extensionPid, "UserTask_AuditExtension", approvedWithCheck("77", "50.00")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("The check was not recorded: the extension fee's invoice " + fee.getInvoiceNumber()
            + " (50.00 USD) was paid meanwhile. Choose Card and approve again.");
    assertThat(billing.paymentsOf(fee.getId())).extracting(p -> p.getMethod().name()).containsExactly("CARD");
    assertThat(instance(extensionPid)).isWaitingAt("UserTask_AuditExtension");
  }

  /** Staff start "Extension request" from Tasklist's start form, with the time the request arrived. */
  private String startByStaff(Certificant certificant, String requestedAt) {
    return engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ExtensionService.PROCESS_KEY).latestVersion().singleResult().getId(), Map.of(
            "certificantNumber", certificant.getNumber(), "renewalYear", YEAR,
            ExtensionService.REQUESTED_AT, requestedAt)).getId();
  }
}
