package org.namss.recert.renewal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.badge.BadgeIssuance;
import org.namss.recert.badge.BadgeIssuanceRepository;
import org.namss.recert.badge.BadgeStatus;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.ce.CeActivity;
import org.namss.recert.ce.CeService;
import org.namss.recert.ce.Verification;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.Certification;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.config.ModelDeployer;
import org.namss.recert.extension.ExtensionService;
import org.namss.recert.notification.MailMessageRepository;
import org.namss.recert.notification.MailStatus;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.SubmissionTiming;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestPropertySource;

/**
 * One renewal from the submission to the badge, path by path (R1a, R5-R19, R24-R28). Every test drives one
 * instance of RecertificationProcess with the engine clock and the jobs in its hands, and checks the path taken,
 * the invoice lines, the e-mails GreenMail received and the requests WireMock (Credly) received. Flow-node and
 * sequence-flow coverage of the process is measured across the class and must reach 90% (report in
 * {@code target/process-test-coverage/}); the extension's deadline passing is left to the extension tests.
 */
@Import({RecertificationProcessTest.Coverage.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
// a loaded build machine must not turn a slow first answer of the local Credly stand-in into a timeout
@TestPropertySource(properties = "credly.read-timeout=30s")
class RecertificationProcessTest extends ApplicationTest {

  static final int YEAR = 2026;
  static final String BADGES = "/v1/organizations/org-42/badges";
  static final String PROCESS = RenewalService.PROCESS_KEY;

  /**
   * Primary: ProcessEngineCoverageConfiguration registers its default properties too, and with two candidates the
   * listener would silently use an empty default (no exclusion, no assertion).
   */
  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder()
          // RecertificationProcess alone: the extension test passes through ExtensionProcess on its way
          .excludeProcessDefinitionKeys("ExtensionProcess", "RenewalCalendarProcess", "YearlyRenewalProcess")
          .assertClassCoverageAtLeast(0.9)
          .build();
    }
  }

  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired CertificantService certificants;
  @Autowired CardPayments cardPayments;
  @Autowired RecertApplicationRepository applications;
  @Autowired BadgeIssuanceRepository badges;
  @Autowired MailMessageRepository mailMessages;
  @Autowired ExtensionService extensions;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;
  @Autowired org.springframework.context.ApplicationContext context;

  @BeforeEach
  void initAssertions() {
    init(engine);
    TestServers.credly().stubFor(post(BADGES)
        .willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
  }

  // ------------------------------------------------------------------------------------------------------------
  // the main paths
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R8, R16, R17, R19: submitted on time, paid by card, approved: renewed, badge issued, e-mails sent")
  void onTimeApproved() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant jane = fixtures.cpcs("Jane", "Doe", YEAR);
    fixtures.enoughForSingle(jane, YEAR);
    String pid = renewals.open(jane.getId(), YEAR).orElseThrow();
    ProcessInstance instance = instance(pid);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("EventGateway_AwaitApplication");
    assertThat(instance).hasBusinessKey(jane.getNumber() + "-" + YEAR);

    renewals.submit(jane, YEAR);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(instance).variables().containsEntry("submissionTiming", "ON_TIME");
    // no check yet (R15): the decision read checkDatedOn as null, as FEEL reads a variable that is not set, and the
    // renewal keeps no placeholder for it
    assertThat(engine.getRuntimeService().getVariables(pid)).doesNotContainKey("checkDatedOn");
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(pid)
        .decisionDefinitionKey("submissionTiming").includeInputs().singleResult().getInputs())
        .filteredOn(input -> "Input_checkDatedOn".equals(input.getClauseId())).singleElement()
        .extracting(input -> input.getValue()).isNull();
    Invoice invoice = billing.invoicesOf(jane.getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00");
    // what the check form shows staff (Tasklist reads the task's form variables: its own and the process's)
    assertThat((Map<String, Object>) engine.getFormService().getTaskFormVariables(task().getId()))
        .containsEntry("certificantName", "Jane Doe").containsEntry("certificantNumber", jane.getNumber())
        .containsEntry("invoiceNumber", invoice.getInvoiceNumber()).containsEntry("invoiceTotal", "175.00")
        .doesNotContainKey("extensionDeadline");
    assertThat(engine.getTaskService().getVariablesLocal(task().getId()))
        .containsOnlyKeys("certificantName", "invoiceNumber", "invoiceTotal");

    cardPayments.confirm(jane, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_1", "jane");
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_ReviewApplication");
    assertThat(task()).hasCandidateGroup("certificationStaff");
    assertThat((Map<String, Object>) engine.getFormService().getTaskFormVariables(task().getId()))
        .containsEntry("certificantName", "Jane Doe").containsEntry("certificantNumber", jane.getNumber())
        .containsEntry("renewalYear", YEAR).containsKeys("creditSummary", "ceActivitiesMarkdown");
    assertThat(engine.getTaskService().getVariablesLocal(task().getId())).doesNotContainKey("certificantNumber");
    // the forms' display copies are working variables: shown while the task is open, no history (operations.md)
    assertThat(RenewalVariables.WORKING)
        .containsAll(engine.getTaskService().getVariablesLocal(task().getId()).keySet());

    engine.getTaskService().complete(task().getId(), Map.of("reviewOutcome", "APPROVE"));
    executeDueJobs(pid);

    assertThat(instance).isEnded().hasPassedInOrder("BusinessRuleTask_DecideTiming", "ServiceTask_PlaceInvoice",
        "BoundaryEvent_CardPaymentConfirmed", "UserTask_ReviewApplication", "ServiceTask_RenewCertification",
        "ServiceTask_IssueBadge", "ServiceTask_SendApproved", "EndEvent_Recertified")
        .hasNotPassed("ServiceTask_SendSomethingMissing", "BusinessRuleTask_RedecideTiming");
    Certification renewed = certificants.get(jane.getId()).getCertifications().get(0);
    assertThat(renewed.getStatus()).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(renewed.getRenewalYear()).isEqualTo(YEAR + 3);
    assertThat(application(jane, ApplicationKind.RECERTIFICATION).getStatus()).isEqualTo(ApplicationStatus.APPROVED);

    String to = jane.primaryEmail();
    assertThat(subjectsTo(to)).containsExactly(
        "Your 2026 CPCS recertification application is open",
        "We received your 2026 CPCS recertification application",
        "Your 2026 recertification invoice " + invoice.getInvoiceNumber(),
        "Payment received for invoice " + invoice.getInvoiceNumber(),
        "Your CPCS recertification is approved: certified through December 31, 2029");
    assertThat(body(to, "Your 2026 CPCS recertification application is open"))
        .contains("December 1, 2026", "December 31, 2026", "$50.00");
    assertThat(body(to, "Your 2026 recertification invoice " + invoice.getInvoiceNumber()))
        .contains("Recertification fee (CPCS, renewal year 2026): $175.00", "Total: $175.00")
        .doesNotContain("Late fee");
    // R16: the answer's time from reviewDeadlines (21 and 28 days)
    assertThat(body(to, "We received your 2026 CPCS recertification application"))
        .contains("within 21 to\n28 days of your fee being received");
    assertThat(body(to, "Payment received for invoice " + invoice.getInvoiceNumber()))
        .contains("$175.00", "November 20, 2026", "within 21 to 28 days");
    assertThat(body(to, "Your CPCS recertification is approved: certified through December 31, 2029"))
        .contains("Dear Jane Doe", "certified through December 31, 2029", "next renewal year is 2029");
    verifyBadgeIssued(jane, "template-cpcs", 1);
    // the process's facts are in history, the working variables (display copies, the e-mail counter) are not
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid).list())
        .extracting(HistoricVariableInstance::getName)
        .contains("submissionTiming", "reviewOutcome", "invoiceId")
        .doesNotContainAnyElementsOf(RenewalVariables.WORKING);
  }

  @Test
  @DisplayName("R8, R28: submitted on 10 December: late, invoiced the recertification fee and the $50 late fee")
  void lateApplicationPaysTheLateFee() throws Exception {
    Renewal renewal = openWithEnoughCe("Luis", "Late", LocalDate.of(YEAR, 12, 10));
    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(renewal.instance()).variables().containsEntry("submissionTiming", "LATE");
    Invoice invoice = billing.invoicesOf(renewal.certificant().getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00", "LATE_FEE=50.00");
    assertThat(invoice.getTotal()).isEqualByComparingTo("225.00");
    String to = renewal.certificant().primaryEmail();
    assertThat(body(to, "Your 2026 recertification invoice " + invoice.getInvoiceNumber()))
        .contains("Recertification fee (CPCS, renewal year 2026): $175.00",
            "Late fee (submitted after the on-time deadline): $50.00", "Total: $225.00");

    cardPayments.confirm(renewal.certificant(), invoice.getInvoiceNumber(), new BigDecimal("225.00"), "ch_late",
        "luis");
    executeDueJobs(renewal.pid());
    approve(renewal.pid());

    assertThat(renewal.instance()).isEnded()
        .hasPassedInOrder("BusinessRuleTask_DecideTiming", "ServiceTask_PlaceInvoice", "ServiceTask_SendInvoice",
            "BoundaryEvent_CardPaymentConfirmed", "ServiceTask_SendPaymentReceived", "UserTask_ReviewApplication",
            "ServiceTask_RenewCertification", "EndEvent_Recertified")
        .hasNotPassed("BusinessRuleTask_RedecideTiming");
    assertThat(application(renewal.certificant(), ApplicationKind.RECERTIFICATION).getTiming())
        .isEqualTo(SubmissionTiming.LATE);
    assertThat(body(to, "Payment received for invoice " + invoice.getInvoiceNumber()))
        .contains("$225.00", "December 10, 2026");
    assertThat(subjectsTo(to)).contains("Your CPCS recertification is approved: certified through December 31, 2029");
    verifyBadgeIssued(renewal.certificant(), "template-cpcs", 1);
  }

  @Test
  @DisplayName("R14, R15: late, but paid by checks dated 1 December: re-decided on time, late fee removed; a "
      + "check short of the total loops back to staff with a note")
  void lateButPaidByCheckDatedFirstDecember() throws Exception {
    Renewal renewal = openWithEnoughCe("Carla", "Check", LocalDate.of(YEAR, 12, 8));
    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());
    Invoice invoice = billing.invoicesOf(renewal.certificant().getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00", "LATE_FEE=50.00");

    // the first check is dated 1 December but covers only part of the fee
    setClock(LocalDate.of(YEAR, 12, 12));
    Task first = taskOf(renewal.instance());
    assertThat(first).hasDefinitionKey("UserTask_RecordCheckPayment").hasCandidateGroup("certificationStaff");
    engine.getTaskService().complete(first.getId(), check("1041", YEAR + "-12-01", 100.0, "Carla Check"));
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment")
        .hasPassed("BusinessRuleTask_RedecideTiming", "ServiceTask_ApplyCheckPayment", "Gateway_PaidInFull")
        .hasNotPassed("ServiceTask_SendPaymentReceived");
    assertThat(renewal.instance()).variables()
        .containsEntry("submissionTiming", "ON_TIME")
        .containsEntry("paidInFull", false)
        .containsEntry("paymentNote",
            "The checks so far leave 75.00 of 175.00 USD unpaid; record the next check when it arrives.");
    Invoice corrected = billing.invoice(invoice.getId());
    assertThat(lines(corrected)).containsExactly("RECERTIFICATION_FEE=175.00");
    assertThat(corrected.getTotal()).isEqualByComparingTo("175.00");
    assertThat(application(renewal.certificant(), ApplicationKind.RECERTIFICATION).getTiming())
        .isEqualTo(SubmissionTiming.ON_TIME);

    // the second check task starts empty: completed without values (as through the REST API), it is refused rather
    // than recording the first check again
    String second = taskOf(renewal.instance()).getId();
    assertThat(renewal.instance()).variables().containsEntry("checkNumber", null).containsEntry("checkAmount", null);
    assertThatThrownBy(() -> engine.getTaskService().complete(second, Map.of()))
        .hasMessageContaining("the check number is required").hasMessageContaining("the amount is required");
    assertThat(billing.paymentsOf(invoice.getId())).hasSize(1);

    // the second check, also dated 1 December, pays the rest
    engine.getTaskService().complete(taskOf(renewal.instance()).getId(),
        check("1042", YEAR + "-12-01", 75.0, "Carla Check"));
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
    assertThat(renewal.instance()).variables().containsEntry("paidInFull", true);
    assertThat(billing.paymentsOf(invoice.getId())).extracting(p -> p.getCheckNumber() + "=" + p.getAmount()
        .setScale(2)).containsExactly("1041=100.00", "1042=75.00");
    String to = renewal.certificant().primaryEmail();
    assertThat(body(to, "Payment received for invoice " + invoice.getInvoiceNumber()))
        .contains("$175.00", "December 12, 2026");

    approve(renewal.pid());
    assertThat(renewal.instance()).isEnded().hasPassed("BusinessRuleTask_RedecideTiming", "EndEvent_Recertified")
        .hasNotPassed("BoundaryEvent_CardPaymentConfirmed");
    verifyBadgeIssued(renewal.certificant(), "template-cpcs", 1);
  }

  @Test
  @DisplayName("R5, R9: credits short: the certificant is told what is missing; more CE continues the renewal")
  void creditsShortThenCompleted() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 2));
    Certificant sam = fixtures.cpcs("Sam", "Short", YEAR);
    fixtures.credits(sam, LocalDate.of(YEAR - 1, 3, 1), "10", true);
    String pid = renewals.open(sam.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(sam, YEAR);
    executeDueJobs(pid);

    ProcessInstance instance = instance(pid);
    assertThat(instance).isWaitingAt("ReceiveTask_AwaitMoreCe").hasPassed("ServiceTask_SendSomethingMissing")
        .hasNotPassed("ServiceTask_PlaceInvoice");
    assertThat(instance).variables().containsEntry("ceComplete", false);
    assertThat(billing.invoicesOf(sam.getId())).isEmpty();
    assertThat(application(sam, ApplicationKind.RECERTIFICATION).getStatus())
        .isEqualTo(ApplicationStatus.WAITING_FOR_CE);
    assertThat(body(sam.primaryEmail(), "Your 2026 recertification application: something is missing"))
        .contains("20 more credits are needed in total (30 required, 10 counted between ",
            "5 more association-approved credits are needed (15 required, 10 counted).");

    // still not enough: it checks again and goes on waiting
    fixtures.credits(sam, LocalDate.of(YEAR, 5, 1), "8", true);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("ReceiveTask_AwaitMoreCe");
    assertThat(subjectsTo(sam.primaryEmail()))
        .filteredOn(s -> s.endsWith("something is missing")).hasSize(2);

    fixtures.credits(sam, LocalDate.of(YEAR, 6, 1), "12", false);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(instance).variables().containsEntry("ceComplete", true);
    Invoice invoice = billing.invoicesOf(sam.getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00");
    payByCardAndApprove(sam, invoice, pid);
    assertThat(instance).isEnded().hasPassed("ReceiveTask_AwaitMoreCe", "ServiceTask_CheckCredits",
        "EndEvent_Recertified");
    assertThat(historicCount(pid, "ServiceTask_CheckCredits")).isEqualTo(3);
    verifyBadgeIssued(sam, "template-cpcs", 1);
  }

  @Test
  @DisplayName("R10: an activity without its certificate does not count; attaching the certificate continues")
  void missingCertificateThenAttached() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 3));
    Certificant mia = fixtures.cpcs("Mia", "Nocert", YEAR);
    fixtures.credits(mia, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    CeActivity withoutCertificate = fixtures.creditsWithoutCertificate(mia, LocalDate.of(YEAR - 1, 9, 14), "14");
    String pid = renewals.open(mia.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(mia, YEAR);
    executeDueJobs(pid);

    ProcessInstance instance = instance(pid);
    assertThat(instance).isWaitingAt("ReceiveTask_AwaitMoreCe").hasPassed("ServiceTask_SendSomethingMissing");
    assertThat(body(mia.primaryEmail(), "Your 2026 recertification application: something is missing"))
        .contains("The activity \"Course on " + YEAR_MINUS_1_SEPT_14 + "\" (" + YEAR_MINUS_1_SEPT_14
            + ") has no certificate", "14 more credits are needed in total")
        .doesNotContain("association-approved credits are needed");

    fixtures.attachCertificate(mia, withoutCertificate.getId());
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_RecordCheckPayment");
    payByCardAndApprove(mia, billing.invoicesOf(mia.getId()).get(0), pid);
    assertThat(instance).isEnded().hasPassed("EndEvent_Recertified");
    verifyBadgeIssued(mia, "template-cpcs", 1);
  }

  @Test
  @DisplayName("R16: the reviewer's list shows the activities in the order earned, each with its certificate")
  void reviewListShowsEachActivityWithItsCertificate() {
    Renewal renewal = openWithEnoughCe("Rita", "Review", LocalDate.of(YEAR, 11, 5));
    CeActivity between = fixtures.credits(renewal.certificant(), LocalDate.of(YEAR - 1, 4, 2), "2", false);
    inReview(renewal);

    Task review = taskOf(renewal.instance());
    assertThat(review.getTaskDefinitionKey()).isEqualTo("UserTask_ReviewApplication");
    List<String> lines = ((String) engine.getTaskService().getVariableLocal(review.getId(), "ceActivitiesMarkdown"))
        .lines().toList();
    String certificates = "/api/certificants/" + renewal.certificant().getNumber() + "/ce-activities/";
    assertThat(lines).hasSize(3);
    // the title's dashes come escaped in markdown: the earned date and credits identify each line
    assertThat(lines.get(0)).contains(", " + (YEAR - 1) + "-03-01, **16** credits").endsWith("/certificate)");
    assertThat(lines.get(1)).contains(", " + (YEAR - 1) + "-04-02, **2** credits, not approved")
        .endsWith("[certificate](" + certificates + between.getId() + "/certificate)");
    assertThat(lines.get(2)).contains(", " + (YEAR - 1) + "-06-01, **14** credits").endsWith("/certificate)");
  }

  static final String YEAR_MINUS_1_SEPT_14 = (YEAR - 1) + "-09-14";

  @Test
  @DisplayName("R16: staff ask for changes; the certificant adds CE; the second review approves")
  void changesRequestedThenApproved() throws Exception {
    Renewal renewal = openWithEnoughCe("Chad", "Changes", LocalDate.of(YEAR, 11, 5));
    inReview(renewal);

    String message = "Please upload the certificate of the May webinar.";
    Task firstRound = taskOf(renewal.instance());
    engine.getTaskService().complete(firstRound.getId(),
        Map.of("reviewOutcome", "REQUEST_CHANGES", "reviewMessage", message));
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("ReceiveTask_AwaitChanges")
        .hasPassed("ServiceTask_SendChangesRequested").hasNotPassed("ServiceTask_RenewCertification");
    String to = renewal.certificant().primaryEmail();
    // due 30 days after the request (reviewDeadlines) or by the renewal's own deadline, the later: 31 December
    assertThat(body(to, "Changes requested on your 2026 recertification application")).contains(message)
        .contains("Please send them by December 31, 2026");
    assertThat(application(renewal.certificant(), ApplicationKind.RECERTIFICATION).getStatus())
        .isEqualTo(ApplicationStatus.CHANGES_REQUESTED);

    // the changes arrive five weeks after the fee: the new round counts from them, it does not start overdue (R16)
    setClock(LocalDate.of(YEAR, 12, 10));
    fixtures.credits(renewal.certificant(), LocalDate.of(YEAR, 5, 20), "2", true);
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
    Task secondRound = taskOf(renewal.instance());
    assertThat(secondRound.getId()).isNotEqualTo(firstRound.getId());
    assertThat(secondRound.getDueDate()).isEqualTo(Date.from(LocalDate.of(YEAR, 12, 31).atTime(10, 0)
        .atZone(ZONE).toInstant()));
    assertThat(application(renewal.certificant(), ApplicationKind.RECERTIFICATION).getStatus())
        .isEqualTo(ApplicationStatus.IN_REVIEW);
    assertThat(engine.getRuntimeService().getVariable(renewal.pid(), RenewalVariables.CHANGES_DUE_AT)).isNull();
    // a new round starts blank (no outcome of the first round pre-filled)
    assertThat(engine.getTaskService().getVariables(secondRound.getId())).doesNotContainKey("reviewOutcome");

    engine.getTaskService().complete(secondRound.getId(), Map.of("reviewOutcome", "APPROVE"));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isEnded()
        .hasPassedInOrder("ServiceTask_SendChangesRequested", "ReceiveTask_AwaitChanges",
            "UserTask_ReviewApplication", "ServiceTask_RenewCertification", "EndEvent_Recertified");
    assertThat(historicCount(renewal.pid(), "UserTask_ReviewApplication")).isEqualTo(2);
    assertThat(application(renewal.certificant(), ApplicationKind.RECERTIFICATION).getStatus())
        .isEqualTo(ApplicationStatus.APPROVED);
    assertThat(subjectsTo(to)).contains("Your CPCS recertification is approved: certified through December 31, 2029");
    verifyBadgeIssued(renewal.certificant(), "template-cpcs", 1);
  }

  @Test
  @DisplayName("R16, R25: changes asked for on 20 December are due 30 days later; not sent, the certification lapses")
  void changesNotSentInTimeLapse() throws Exception {
    Renewal renewal = openWithEnoughCe("Nora", "Nochange", LocalDate.of(YEAR, 11, 5));
    inReview(renewal);
    setClock(LocalDate.of(YEAR, 12, 20));
    executeDueJobs(renewal.pid()); // escalated to the team lead meanwhile (28 days after the fee)
    engine.getTaskService().complete(taskOf(renewal.instance()).getId(),
        Map.of("reviewOutcome", "REQUEST_CHANGES", "reviewMessage", "Please upload the June certificate."));
    executeDueJobs(renewal.pid());
    String to = renewal.certificant().primaryEmail();
    assertThat(body(to, "Changes requested on your 2026 recertification application"))
        .contains("Please send them by January 19, 2027");

    // past the lapse date the renewal still waits for the changes it was promised (R25 counts CE and fee received)
    setClock(LocalDate.of(YEAR + 1, 1, 19));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("ReceiveTask_AwaitChanges");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.ACTIVE);

    setClock(LocalDate.of(YEAR + 1, 1, 20));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("EventGateway_AwaitReinstatement")
        .hasPassedInOrder("ReceiveTask_AwaitChanges", "BoundaryEvent_ChangesDeadlinePassed", "Gateway_AlreadyLapsed",
            "ServiceTask_LapseCertification", "ServiceTask_SendLapsedLetter")
        .hasNotPassed("ServiceTask_RenewCertification");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.LAPSED);
    assertThat(subjectsTo(to)).contains("Your CPCS certification has lapsed");
    RecertApplication closed = application(renewal.certificant(), ApplicationKind.RECERTIFICATION);
    assertThat(closed.getStatus()).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(closed.getDecisionNote()).isEqualTo("The changes asked for did not arrive by 2027-01-19.");
  }

  @Test
  @DisplayName("R5, R12: an activity staff reject while reviewing no longer counts: approving with the credits short "
      + "is refused with what is missing; asking for changes goes on")
  void approvalRefusedWhenVerificationsLeaveTheCreditsShort() throws Exception {
    Renewal renewal = openWithEnoughCe("Vera", "Verified", LocalDate.of(YEAR, 11, 5));
    inReview(renewal);
    CeService ce = context.getBean(CeService.class);
    // enoughForSingle: 16 approved credits, then 14 not approved; staff find the 14-credit course not eligible
    CeActivity notEligible = ce.listWithCertificates(renewal.certificant().getId()).get(1).activity();
    assertThat(notEligible.getCredits()).isEqualByComparingTo("14");
    ce.verify(renewal.certificant(), notEligible.getId(), Verification.REJECTED, null);
    Task review = taskOf(renewal.instance());

    assertThatThrownBy(() -> engine.getTaskService().complete(review.getId(), Map.of("reviewOutcome", "APPROVE")))
        .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class) // Tasklist shows it
        .hasMessageContaining("The credits no longer meet the requirement with the verifications recorded: 14 more "
            + "credits are needed in total (30 required, 16 counted")
        .hasMessageContaining("Ask for changes instead of approving (R5).");
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication")
        .hasNotPassed("ServiceTask_RenewCertification");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.ACTIVE);

    // what the form cannot send, a REST client can: refused with what is allowed, the task stays
    assertThatThrownBy(() -> engine.getTaskService().complete(review.getId(), Map.of("reviewOutcome", "Approve")))
        .hasMessageContaining("The outcome 'Approve' is not one of [APPROVE, REQUEST_CHANGES, REJECT]");
    org.springframework.http.ResponseEntity<String> answer = rest.postForEntity("/engine-rest/task/" + review.getId()
        + "/complete", new org.springframework.http.HttpEntity<>(
            "{\"variables\":{\"reviewOutcome\":{\"value\":\"Approve\"}}}", adminJson()), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400); // bad input: a 4xx, not a 500
    assertThat(answer.getBody()).contains("The outcome 'Approve' is not one of [APPROVE, REQUEST_CHANGES, REJECT]");
    assertThatThrownBy(() -> engine.getTaskService().complete(review.getId(),
        Map.of("reviewOutcome", "REQUEST_CHANGES")))
        .hasMessageContaining("Write the message the certificant will read");
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
    engine.getTaskService().complete(review.getId(), Map.of("reviewOutcome", "REQUEST_CHANGES",
        "reviewMessage", "The June course is not eligible; please add 14 credits."));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("ReceiveTask_AwaitChanges");
  }

  @Test
  @DisplayName("R16: changes requested twice: two messages, one per pass through the send task")
  void changesRequestedTwiceSendsTwoMessages() throws Exception {
    Renewal renewal = openWithEnoughCe("Carl", "Twice", LocalDate.of(YEAR, 11, 5));
    inReview(renewal);
    String to = renewal.certificant().primaryEmail();
    String subject = "Changes requested on your 2026 recertification application";

    for (String message : List.of("Please upload the May certificate.", "Please upload the June certificate.")) {
      engine.getTaskService().complete(taskOf(renewal.instance()).getId(),
          Map.of("reviewOutcome", "REQUEST_CHANGES", "reviewMessage", message));
      executeDueJobs(renewal.pid());
      assertThat(renewal.instance()).isWaitingAt("ReceiveTask_AwaitChanges");
      fixtures.credits(renewal.certificant(), LocalDate.of(YEAR, 5, 20), "1", true);
      executeDueJobs(renewal.pid());
      assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
    }

    assertThat(subjectsTo(to)).filteredOn(subject::equals).hasSize(2);
    assertThat(mailMessages.findAll()).filteredOn(m -> m.getDedupKey().startsWith(renewal.pid()
        + ":ServiceTask_SendChangesRequested:")).hasSize(2)
        .extracting(m -> m.getDedupKey()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("The key counts the instance's e-mails: a send uses the count it finds, the next pass counts on")
  void mailKeyCountsPasses() throws Exception {
    Renewal renewal = openWithEnoughCe("Olga", "Counted", LocalDate.of(YEAR, 11, 5));
    // as if three messages had gone out already
    engine.getRuntimeService().setVariable(renewal.pid(), RenewalVariables.MAIL_COUNT, 3);

    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());

    assertThat(mailMessages.findAll()).extracting(m -> m.getDedupKey())
        .filteredOn(key -> key.startsWith(renewal.pid() + ":ServiceTask_SendApplicationReceived:"))
        .containsExactly(renewal.pid() + ":ServiceTask_SendApplicationReceived:3");
    assertThat(((Number) engine.getRuntimeService().getVariable(renewal.pid(), RenewalVariables.MAIL_COUNT))
        .intValue()).isGreaterThan(3);
  }

  @Test
  @DisplayName("R16, R25, R27: rejected with a reason; not renewed, it lapses on 1 January and expires on 1 July")
  void rejectedThenLapsesAndExpires() throws Exception {
    Renewal renewal = openWithEnoughCe("Rita", "Reject", LocalDate.of(YEAR, 11, 6));
    inReview(renewal);

    String reason = "Credits earned outside the window.";
    engine.getTaskService().complete(taskOf(renewal.instance()).getId(),
        Map.of("reviewOutcome", "REJECT", "reviewMessage", reason));
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("Catch_DeadlineReached")
        .hasPassedInOrder("UserTask_ReviewApplication", "ServiceTask_RejectApplication", "ServiceTask_SendRejected")
        .hasNotPassed("ServiceTask_RenewCertification", "ServiceTask_IssueBadge");
    RecertApplication rejected = application(renewal.certificant(), ApplicationKind.RECERTIFICATION);
    assertThat(rejected.getStatus()).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(rejected.getDecisionNote()).isEqualTo(reason);
    String to = renewal.certificant().primaryEmail();
    assertThat(body(to, "Your 2026 recertification application was not approved")).contains(reason);
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.ACTIVE);

    setClock(LocalDate.of(YEAR + 1, 1, 1));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("EventGateway_AwaitReinstatement")
        .hasPassedInOrder("Catch_DeadlineReached", "Gateway_AlreadyLapsed", "ServiceTask_LapseCertification",
            "ServiceTask_RevokeBadge", "ServiceTask_SendLapsedLetter");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.LAPSED);
    // the reinstatement deadline (R26) and its fee from feeSchedule (R28)
    assertThat(body(to, "Your CPCS certification has lapsed")).contains("June 30, 2027", "reinstatement fee of $100.00");

    setClock(LocalDate.of(YEAR + 1, 7, 1));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isEnded()
        .hasPassedInOrder("Catch_ReinstatementDeadlinePassed", "ServiceTask_ExpireCertification",
            "ServiceTask_SendExpiredLetter", "EndEvent_Expired")
        .hasNotPassed("Catch_ReinstatementSubmitted");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.EXPIRED);
    assertThat(body(to, "Your CPCS certification has expired")).contains("apply as a new candidate");
    TestServers.credly().verify(0, postRequestedFor(urlPathMatching("/v1/.*")));
  }

  @Test
  @DisplayName("R16: a review still open 28 days after the fee is escalated to the certification team lead")
  void reviewOverdueIsEscalated() throws Exception {
    Renewal renewal = openWithEnoughCe("Olga", "Overdue", LocalDate.of(YEAR, 11, 9));
    Instant paidAt = inReview(renewal);

    Task review = taskOf(renewal.instance());
    assertThat(review).hasDefinitionKey("UserTask_ReviewApplication").hasCandidateGroup("certificationStaff");
    assertThat(review.getDueDate().toInstant()).isCloseTo(paidAt.plus(Duration.ofDays(21)), within(1,
        java.time.temporal.ChronoUnit.SECONDS));

    setClock(LocalDateTime.ofInstant(paidAt.plus(Duration.ofDays(27)), ZONE));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");

    setClock(LocalDateTime.ofInstant(paidAt.plus(Duration.ofDays(28)).plusSeconds(60), ZONE));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewEscalated")
        .hasPassed("BoundaryEvent_ReviewOverdue");
    Task escalated = taskOf(renewal.instance());
    assertThat(escalated).hasCandidateGroup("certificationLead");
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey("UserTask_ReviewApplication")
        .processInstanceId(renewal.pid()).count()).isZero();

    engine.getTaskService().complete(escalated.getId(), Map.of("reviewOutcome", "APPROVE"));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isEnded()
        .hasPassedInOrder("BoundaryEvent_ReviewOverdue", "UserTask_ReviewEscalated", "ServiceTask_RenewCertification",
            "EndEvent_Recertified");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.ACTIVE);
    verifyBadgeIssued(renewal.certificant(), "template-cpcs", 1);
  }

  // ------------------------------------------------------------------------------------------------------------
  // the outside world fails
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R19: Credly down: the badge job fails and retries until an incident; after recovery one badge")
  void credlyDownRetriedThenIssuedOnce() throws Exception {
    TestServers.credly().resetAll();
    TestServers.credly().stubFor(post(BADGES).inScenario("credly").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
            .withBody("{\"data\":{\"message\":\"Internal Server Error\"}}")));
    TestServers.credly().stubFor(post(BADGES).inScenario("credly").whenScenarioStateIs("up")
        .willReturn(okJson("{\"data\":{\"id\":\"badge-42\"}}").withStatus(201)));

    Renewal renewal = openWithEnoughCe("Carl", "Credly", LocalDate.of(YEAR, 11, 10));
    inReview(renewal);
    engine.getTaskService().complete(taskOf(renewal.instance()).getId(), Map.of("reviewOutcome", "APPROVE"));

    ManagementService management = engine.getManagementService();
    Job job = badgeJob(renewal.pid());
    List<Integer> retriesAfterEachFailure = new ArrayList<>();
    for (int attempt = 0; attempt < 10 && job.getRetries() > 0; attempt++) {
      String jobId = job.getId();
      assertThatThrownBy(() -> management.executeJob(jobId)).hasStackTraceContaining("Credly answered 500");
      job = badgeJob(renewal.pid());
      retriesAfterEachFailure.add(job.getRetries());
    }
    assertThat(retriesAfterEachFailure).hasSizeGreaterThan(1).isSortedAccordingTo((a, b) -> b - a)
        .doesNotHaveDuplicates().endsWith(0);
    assertThat(job.getExceptionMessage()).contains("Credly answered 500");
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(renewal.pid())
        .singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("ServiceTask_IssueBadge");
    assertThat(renewal.instance()).isWaitingAt("ServiceTask_IssueBadge");
    assertThat(badges.findByCertificantIdAndCertificationTypeAndRenewalYear(renewal.certificant().getId(), "CPCS",
        YEAR)).isEmpty();

    // Credly is back; operations retry the job (Cockpit: "increment retries")
    TestServers.credly().setScenarioState("credly", "up");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isEnded().hasPassed("ServiceTask_IssueBadge", "EndEvent_Recertified");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(renewal.pid()).count()).isZero();
    List<ServeEvent> posts = TestServers.credly().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("POST")).toList();
    assertThat(posts).hasSize(retriesAfterEachFailure.size() + 1);
    assertThat(posts).filteredOn(e -> e.getResponse().getStatus() == 201).hasSize(1);
    BadgeIssuance issued = badges.findByCertificantIdAndCertificationTypeAndRenewalYear(
        renewal.certificant().getId(), "CPCS", YEAR).orElseThrow();
    assertThat(issued.getStatus()).isEqualTo(BadgeStatus.ISSUED);
    assertThat(issued.getCredlyBadgeId()).isEqualTo("badge-42");
    assertThat(subjectsTo(renewal.certificant().primaryEmail()))
        .filteredOn(s -> s.startsWith("Your CPCS recertification is approved")).hasSize(1);
  }

  @Test
  @DisplayName("R19: Credly answers that the badge was already issued (a lost answer retried): counts as issued")
  void credlyDuplicateCountsAsIssued() throws Exception {
    // the look-before-issue finds nothing (the earlier answer was lost in between); the POST is refused as a
    // duplicate; the look-up after the refusal finds the badge
    TestServers.credly().resetAll();
    TestServers.credly().stubFor(get(urlPathEqualTo(BADGES)).inScenario("duplicate").whenScenarioStateIs(STARTED)
        .willReturn(okJson("{\"data\":[]}")));
    TestServers.credly().stubFor(post(BADGES).inScenario("duplicate").whenScenarioStateIs(STARTED)
        .willSetStateTo("refused").willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\":{\"message\":\"Recipient has already been issued this badge\"}}")));
    TestServers.credly().stubFor(get(urlPathEqualTo(BADGES)).inScenario("duplicate").whenScenarioStateIs("refused")
        .willReturn(okJson(
        "{\"data\":[{\"id\":\"badge-7\",\"state\":\"accepted\",\"expires_at\":\"2030-01-01T04:59:59Z\"}]}")));

    Renewal renewal = openWithEnoughCe("Dora", "Duplicate", LocalDate.of(YEAR, 11, 11));
    inReview(renewal);
    approve(renewal.pid());

    assertThat(renewal.instance()).isEnded().hasPassed("ServiceTask_IssueBadge", "EndEvent_Recertified");
    assertNoIncidents(engine);
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES))
        .withBasicAuth(new BasicCredentials("test-credly-token", "")));
    BadgeIssuance issuance = badges.findByCertificantIdAndCertificationTypeAndRenewalYear(
        renewal.certificant().getId(), "CPCS", YEAR).orElseThrow();
    assertThat(issuance.getStatus()).isEqualTo(BadgeStatus.ALREADY_ISSUED);
    assertThat(issuance.getCredlyBadgeId()).isEqualTo("badge-7");
  }

  @Test
  @DisplayName("SMTP down: the e-mail job fails and retries; after recovery the message goes out exactly once")
  void smtpDownRetriedWithoutDuplicate() throws Exception {
    Renewal renewal = openWithEnoughCe("Sven", "Smtp", LocalDate.of(YEAR, 11, 12));
    String to = renewal.certificant().primaryEmail();
    String received = "We received your 2026 CPCS recertification application";
    ManagementService management = engine.getManagementService();
    try {
      smtp().stop();
      renewals.submit(renewal.certificant(), YEAR);
      Job job = management.createJobQuery().processInstanceId(renewal.pid())
          .activityId("ServiceTask_SendApplicationReceived").singleResult();
      int retriesBefore = job.getRetries();
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("APPLICATION_RECEIVED");
      Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(failed.getRetries()).isLessThan(retriesBefore).isPositive();
      assertThat(failed.getExceptionMessage()).contains("SMTP delivery");
      assertThat(renewal.instance()).isWaitingAt("ServiceTask_SendApplicationReceived");
      assertThat(mailMessages.findAll()).filteredOn(m -> m.getStatus() == MailStatus.FAILED)
          .anyMatch(m -> m.getDedupKey().startsWith(renewal.pid() + ":ServiceTask_SendApplicationReceived"));
    } finally {
      smtp().start();
    }
    Job retry = management.createJobQuery().processInstanceId(renewal.pid())
        .activityId("ServiceTask_SendApplicationReceived").singleResult();
    management.executeJob(retry.getId());
    executeDueJobs(renewal.pid());

    assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(subjectsTo(to)).filteredOn(received::equals).hasSize(1);
    assertThat(mailMessages.findAll()).filteredOn(m -> m.getDedupKey().startsWith(renewal.pid()
        + ":ServiceTask_SendApplicationReceived")).singleElement()
        .satisfies(m -> assertThat(m.getStatus()).isEqualTo(MailStatus.SENT));
  }

  @Test
  @DisplayName("R19: a dual certificant whose CPMSM is due in a later cycle renews CPCS and gets the CPCS badge only")
  void onlyTheRenewedCertificationGetsABadge() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 16));
    String number = "DB" + System.nanoTime() % 100_000_000;
    Certificant dana = certificants.register(number, "Dana", "Later", List.of(number + "@example.org"), List.of(
        new CertificantService.NewCertification(CertificationType.CPCS, LocalDate.of(YEAR - 3, 3, 15), YEAR),
        new CertificantService.NewCertification(CertificationType.CPMSM, LocalDate.of(YEAR, 3, 1), YEAR + 3)));
    fixtures.enoughForSingle(dana, YEAR);
    String pid = renewals.open(dana.getId(), YEAR).orElseThrow();
    ProcessInstance instance = instance(pid);
    executeDueJobs(pid);
    renewals.submit(dana, YEAR);
    executeDueJobs(pid);
    assertThat(application(dana, ApplicationKind.RECERTIFICATION).getCertificationCategory())
        .isEqualTo(CertificationCategory.CPCS);
    payByCardAndApprove(dana, billing.invoicesOf(dana.getId()).get(0), pid);

    assertThat(instance).isEnded().hasPassed("ServiceTask_IssueBadge", "EndEvent_Recertified");
    // both certifications are now due in 2029, but only CPCS was renewed in this renewal
    assertThat(certificants.get(dana.getId()).getCertifications()).extracting(c -> c.getType() + "=" + c.getRenewalYear())
        .containsExactlyInAnyOrder("CPCS=2029", "CPMSM=2029");
    verifyBadgeIssued(dana, "template-cpcs", 1);
    TestServers.credly().verify(0, postRequestedFor(urlEqualTo(BADGES))
        .withRequestBody(matchingJsonPath("$.badge_template_id", equalTo("template-cpmsm"))));
    assertThat(badges.findAll()).filteredOn(b -> b.getCertificantId().equals(dana.getId()))
        .extracting(b -> b.getCertificationType() + "/" + b.getRenewalYear()).containsExactly("CPCS/2026");
  }

  // ------------------------------------------------------------------------------------------------------------
  // staff start, refusals
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("An application that came by e-mail: staff start the renewal from the Tasklist start form")
  void staffStartFromTheStartForm() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 16));
    Certificant emil = fixtures.cpcs("Emil", "Email", YEAR);
    fixtures.enoughForSingle(emil, YEAR);
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .latestVersion().singleResult().getId();
    Map<String, Object> form = new HashMap<>();
    form.put("certificantNumber", " " + emil.getNumber() + " ");
    form.put("renewalYear", (long) YEAR);
    form.put("submittedOn", YEAR + "-11-14");
    ProcessInstance instance = engine.getFormService().submitStartForm(definitionId, form);
    executeDueJobs(instance.getId());

    assertThat(instance).hasBusinessKey(emil.getNumber() + "-" + YEAR)
        .isWaitingAt("UserTask_RecordCheckPayment")
        .hasPassed("ServiceTask_LoadRenewal", "Gateway_AlreadySubmitted", "ServiceTask_SendApplicationReceived")
        .hasNotPassed("ServiceTask_SendApplicationOpen", "Catch_ApplicationSubmitted");
    RecertApplication application = application(emil, ApplicationKind.RECERTIFICATION);
    assertThat(application.getProcessInstanceId()).isEqualTo(instance.getId());
    assertThat(application.getTiming()).isEqualTo(SubmissionTiming.ON_TIME);
    assertThat(lines(billing.invoicesOf(emil.getId()).get(0))).containsExactly("RECERTIFICATION_FEE=175.00");
    assertThat(subjectsTo(emil.primaryEmail())).contains("We received your 2026 CPCS recertification application");
    // the certificant cannot submit the same application a second time
    assertThatThrownBy(() -> renewals.submit(emil, YEAR)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
  }

  @Test
  @DisplayName("R1a: the start form refuses an application dated before 1 August, or a second renewal of the year, "
      + "with why (400 through the engine's REST API); nothing is started")
  void staffStartFormRefusals() {
    setClock(LocalDate.of(YEAR, 11, 16));
    Certificant otto = fixtures.cpcs("Otto", "Early", YEAR);
    Renewal open = openWithEnoughCe("Olga", "Open", LocalDate.of(YEAR, 11, 16));
    long instancesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS).count();
    org.springframework.http.HttpHeaders headers = adminJson();
    Map<String, String> refusals = Map.of(
        otto.getNumber() + "|" + YEAR + "-07-20", "The application for renewal year 2026 opens on 2026-08-01 (R1a)",
        open.certificant().getNumber() + "|" + YEAR + "-11-14", "is already open (process " + open.pid() + ")");
    refusals.forEach((numberAndDate, reason) -> {
      String[] parts = numberAndDate.split("\\|");
      String body = "{\"variables\":{\"certificantNumber\":{\"value\":\"" + parts[0] + "\"},\"renewalYear\":"
          + "{\"value\":" + YEAR + ",\"type\":\"Long\"},\"submittedOn\":{\"value\":\"" + parts[1] + "\"}}}";
      org.springframework.http.ResponseEntity<String> answer = rest.postForEntity("/engine-rest/process-definition/key/"
          + PROCESS + "/submit-form", new org.springframework.http.HttpEntity<>(body, headers), String.class);
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains(reason);
    });
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count())
        .isEqualTo(instancesBefore);
    assertThat(applications.findByCertificantIdOrderByIdAsc(otto.getId())).isEmpty();
  }

  @Test
  @DisplayName("R1a, R27: before 1 August and after 30 June of the next year a submission is refused with why")
  void tooEarlyAndExpiredSubmissionsAreRefused() {
    setClock(LocalDate.of(YEAR, 7, 31));
    Certificant early = fixtures.cpcs("Ed", "Early", YEAR);
    Certificant late = fixtures.cpcs("Eve", "Expired", YEAR); // registered while YEAR's renewal is still open
    assertThatThrownBy(() -> renewals.submit(early, YEAR)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
      assertThat(e.getMessage()).isEqualTo("The application for renewal year 2026 opens on 2026-08-01 (R1a).");
    });

    setClock(LocalDate.of(YEAR + 1, 7, 1));
    assertThatThrownBy(() -> renewals.submit(late, YEAR)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
      assertThat(e.getMessage()).isEqualTo(RenewalService.EXPIRED_MESSAGE).contains("new candidate");
    });

    for (Certificant refused : List.of(early, late)) {
      assertThat(applications.findByCertificantIdOrderByIdAsc(refused.getId())).isEmpty();
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS)
          .variableValueEquals("certificantId", refused.getId()).count()).isZero();
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // lapse, reinstatement and expiry in brief (their own tests are elsewhere; here they complete the coverage)
  // ------------------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R25, R26, R28: no application by 31 December: lapsed on 1 January, reinstated in February for the "
      + "fee and the $100 reinstatement fee")
  void lapsedThenReinstated() throws Exception {
    Renewal renewal = openWithEnoughCe("Lena", "Lapsed", LocalDate.of(YEAR, 11, 18));
    // the timers read renewalCalendar's dates when they are created (RenewalDates): 00:00 of 1 January (R25), then
    // of 1 July after the reinstatement deadline (R26, R27), also the reinstatement application's deadline; the
    // instance keeps no copy of them, nor its starter
    assertThat(timerDue(renewal.pid(), "Catch_LapseDateReached")).isEqualTo(LocalDateTime.of(YEAR + 1, 1, 1, 0, 0));
    setClock(LocalDate.of(YEAR + 1, 1, 1));
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("EventGateway_AwaitReinstatement")
        .hasPassed("Catch_LapseDateReached", "ServiceTask_LapseCertification")
        .hasNotPassed("Catch_ApplicationSubmitted");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.LAPSED);
    assertThat(timerDue(renewal.pid(), "Catch_ReinstatementDeadlinePassed"))
        .isEqualTo(LocalDateTime.of(YEAR + 1, 7, 1, 0, 0));
    assertThat(engine.getRuntimeService().getVariables(renewal.pid()))
        .doesNotContainKeys("lapseAt", "extensionLapseAt", "expiryAt", "startedBy", "completionDeadline");

    setClock(LocalDate.of(YEAR + 1, 2, 10));
    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment").hasPassed("Catch_ReinstatementSubmitted");
    assertThat(timerDue(renewal.pid(), "BoundaryEvent_CompletionDeadlinePassed"))
        .isEqualTo(LocalDateTime.of(YEAR + 1, 7, 1, 0, 0));
    assertThat(renewal.instance()).variables().containsEntry("submissionTiming", "REINSTATEMENT");
    Invoice invoice = billing.invoicesOf(renewal.certificant().getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00", "REINSTATEMENT_FEE=100.00");
    payByCardAndApprove(renewal.certificant(), invoice, renewal.pid());

    assertThat(renewal.instance()).isEnded().hasPassed("EndEvent_Recertified").hasNotPassed("EndEvent_Expired");
    assertThat(status(renewal.certificant())).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(application(renewal.certificant(), ApplicationKind.REINSTATEMENT).getStatus())
        .isEqualTo(ApplicationStatus.APPROVED);
    String to = renewal.certificant().primaryEmail();
    assertThat(subjectsTo(to)).contains("Your CPCS certification has lapsed", "Your CPCS certification is reinstated")
        .doesNotContain("Your CPCS recertification is approved: certified through December 31, 2029");
    assertThat(body(to, "Your CPCS certification is reinstated")).contains("December 31, 2029");
    TestServers.credly().verify(0, putRequestedFor(urlPathMatching("/v1/.*")));
    verifyBadgeIssued(renewal.certificant(), "template-cpcs", 1);
  }

  @Test
  @DisplayName("R25, R26: a renewal never opened (added late) and applied for in February starts as a "
      + "reinstatement: lapsed, due by the reinstatement deadline, with the reinstatement fee; not lapsed again")
  void neverOpenedRenewalAppliedForAfterTheLapseDateIsAReinstatement() throws Exception {
    setClock(LocalDate.of(YEAR, 10, 1));
    Certificant leo = fixtures.cpcs("Leo", "Late", YEAR);
    fixtures.enoughForSingle(leo, YEAR);
    setClock(LocalDate.of(YEAR + 1, 2, 10));
    RecertApplication application = renewals.submit(leo, YEAR);
    String pid = application.getProcessInstanceId();
    ProcessInstance renewal = instance(pid);
    executeDueJobs(pid);

    assertThat(renewal).isWaitingAt("UserTask_RecordCheckPayment")
        .hasNotPassed("BoundaryEvent_CompletionDeadlinePassed", "ServiceTask_LapseCertification");
    assertThat(application.getKind()).isEqualTo(ApplicationKind.REINSTATEMENT);
    assertThat(status(leo)).isEqualTo(CertificationStatus.LAPSED);
    assertThat(timerDue(pid, "BoundaryEvent_CompletionDeadlinePassed"))
        .isEqualTo(LocalDateTime.of(YEAR + 1, 7, 1, 0, 0));
    Invoice invoice = billing.invoicesOf(leo.getId()).get(0);
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00", "REINSTATEMENT_FEE=100.00");
    payByCardAndApprove(leo, invoice, pid);
    assertThat(renewal).isEnded().hasPassed("EndEvent_Recertified");
    assertThat(status(leo)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(subjectsTo(leo.primaryEmail())).contains("Your CPCS certification is reinstated")
        .doesNotContain("Your CPCS certification has lapsed");
  }

  @Test
  @DisplayName("R26: analysts correct the reinstatement deadline after the renewal opened: the expiry timer created at "
      + "the lapse and the lapse letter use the corrected table; the lapse timer set before keeps its date")
  void correctedCalendarReachesTimersCreatedAfterIt() throws Exception {
    Renewal renewal = openWithEnoughCe("Cora", "Corrected", LocalDate.of(YEAR, 11, 19));
    withCorrectedCalendar("date(renewalYear + 1, 6, 30)", "date(renewalYear + 1, 7, 31)", () -> {
      assertThat(timerDue(renewal.pid(), "Catch_LapseDateReached")).isEqualTo(LocalDateTime.of(YEAR + 1, 1, 1, 0, 0));

      setClock(LocalDate.of(YEAR + 1, 1, 1));
      executeDueJobs(renewal.pid());
      assertThat(renewal.instance()).isWaitingAt("EventGateway_AwaitReinstatement");
      assertThat(timerDue(renewal.pid(), "Catch_ReinstatementDeadlinePassed"))
          .isEqualTo(LocalDateTime.of(YEAR + 1, 8, 1, 0, 0));
      assertThat(body(renewal.certificant().primaryEmail(), "Your CPCS certification has lapsed"))
          .contains("July 31, 2027");
    });
  }

  @Test
  @DisplayName("R25: analysts move the lapse date after the renewal opened: an application submitted after the "
      + "correction must be complete and paid by the corrected date")
  void correctedLapseDateReachesTheApplicationsDeadline() throws Exception {
    Renewal renewal = openWithEnoughCe("Dora", "Deadline", LocalDate.of(YEAR, 11, 19));
    withCorrectedCalendar("date(renewalYear + 1, 1, 1)", "date(renewalYear + 1, 1, 15)", () -> {
      setClock(LocalDate.of(YEAR, 11, 20));
      renewals.submit(renewal.certificant(), YEAR);
      executeDueJobs(renewal.pid());
      assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment");
      assertThat(timerDue(renewal.pid(), "BoundaryEvent_CompletionDeadlinePassed"))
          .isEqualTo(LocalDateTime.of(YEAR + 1, 1, 15, 0, 0));
    });
  }

  @Test
  @DisplayName("R21, R26: a renewal opened by an earlier model version, whose timers read completionDeadline, has it "
      + "moved to the extension's end when extended and to the reinstatement deadline when it lapses")
  void renewalsOfEarlierModelVersionsKeepTheirDeadlineVariable() throws Exception {
    Renewal extended = openWithEnoughCe("Olga", "Older", LocalDate.of(YEAR, 11, 20));
    Renewal lapsing = openWithEnoughCe("Otto", "Older", LocalDate.of(YEAR, 11, 20));
    Renewal current = openWithEnoughCe("Nora", "Newer", LocalDate.of(YEAR, 11, 20));
    for (Renewal older : List.of(extended, lapsing)) { // what those versions set when the renewal opened
      engine.getRuntimeService().setVariable(older.pid(), RenewalVariables.COMPLETION_DEADLINE,
          midnight(LocalDate.of(YEAR + 1, 1, 1)));
    }
    for (Renewal renewal : List.of(extended, current)) {
      grantExtension(renewal.certificant());
      assertThat(renewal.instance()).isWaitingAt("EventGateway_AwaitExtendedApplication");
    }
    assertThat(engine.getRuntimeService().getVariable(extended.pid(), RenewalVariables.COMPLETION_DEADLINE))
        .isEqualTo(midnight(LocalDate.of(YEAR + 1, 6, 2)));
    assertThat(engine.getRuntimeService().getVariables(current.pid())).doesNotContainKey("completionDeadline");

    setClock(LocalDate.of(YEAR + 1, 1, 1));
    executeDueJobs(lapsing.pid());
    assertThat(lapsing.instance()).isWaitingAt("EventGateway_AwaitReinstatement");
    assertThat(engine.getRuntimeService().getVariable(lapsing.pid(), RenewalVariables.COMPLETION_DEADLINE))
        .isEqualTo(midnight(LocalDate.of(YEAR + 1, 7, 1)));
  }

  @Test
  @DisplayName("R26, R27: a reinstatement still short of CE on 1 July: the certification expires; later "
      + "submissions are refused")
  void reinstatementNotCompletedExpires() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 19));
    Certificant ivo = fixtures.cpcs("Ivo", "Incomplete", YEAR);
    fixtures.credits(ivo, LocalDate.of(YEAR - 1, 4, 1), "12", true);
    String pid = renewals.open(ivo.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    setClock(LocalDate.of(YEAR + 1, 1, 1));
    executeDueJobs(pid);
    setClock(LocalDate.of(YEAR + 1, 3, 2));
    renewals.submit(ivo, YEAR);
    executeDueJobs(pid);
    ProcessInstance instance = instance(pid);
    assertThat(instance).isWaitingAt("ReceiveTask_AwaitMoreCe");
    assertThat(body(ivo.primaryEmail(), "Your 2026 recertification application: something is missing"))
        .contains("18 more credits are needed in total");

    setClock(LocalDate.of(YEAR + 1, 7, 1));
    executeDueJobs(pid);
    assertThat(instance).isEnded()
        .hasPassedInOrder("BoundaryEvent_CompletionDeadlinePassed", "Gateway_AlreadyLapsed",
            "ServiceTask_ExpireCertification", "EndEvent_Expired")
        .hasNotPassed("Catch_ReinstatementDeadlinePassed", "ServiceTask_PlaceInvoice");
    assertThat(status(ivo)).isEqualTo(CertificationStatus.EXPIRED);
    assertThat(subjectsTo(ivo.primaryEmail())).contains("Your CPCS certification has expired");
    assertThatThrownBy(() -> renewals.submit(ivo, YEAR)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.getMessage()).isEqualTo(RenewalService.EXPIRED_MESSAGE));
  }

  @Test
  @DisplayName("R21, R22: an extended renewal completed in January: staff place the invoice, recertification fee "
      + "without late fee, normal review")
  void extendedRenewalCompletedInJanuary() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 25));
    Certificant xena = fixtures.cpcs("Xena", "Extended", YEAR);
    fixtures.credits(xena, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    String pid = renewals.open(xena.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    grantExtension(xena);
    ProcessInstance instance = instance(pid);
    assertThat(instance).isWaitingAt("EventGateway_AwaitExtendedApplication").hasPassed("Catch_ExtensionGranted");
    assertThat(status(xena)).isEqualTo(CertificationStatus.EXTENDED);

    setClock(LocalDate.of(YEAR + 1, 1, 15));
    fixtures.credits(xena, LocalDate.of(YEAR, 11, 20), "14", false);
    renewals.submit(xena, YEAR);
    executeDueJobs(pid);
    assertThat(instance).isWaitingAt("UserTask_PlaceRecertificationInvoice")
        .hasPassed("Catch_ExtendedApplicationSubmitted").hasNotPassed("Catch_LapseDateReached");
    // complete and paid by the end of the extension (R21): 00:00 on 2 June
    assertThat(timerDue(pid, "BoundaryEvent_CompletionDeadlinePassed"))
        .isEqualTo(LocalDateTime.of(YEAR + 1, 6, 2, 0, 0));
    assertThat(engine.getRuntimeService().getVariables(pid)).doesNotContainKey("completionDeadline");
    assertThat(taskOf(instance)).hasCandidateGroup("certificationStaff");
    // what placeInvoiceForm shows: who, and until when the extension runs (R21)
    assertThat((Map<String, Object>) engine.getFormService().getTaskFormVariables(taskOf(instance).getId()))
        .containsEntry("certificantNumber", xena.getNumber()).containsEntry("certificantName", xena.fullName())
        .containsEntry("extensionDeadline", "2027-06-01").doesNotContainKey("invoiceNumber");
    assertThat(engine.getTaskService().getVariablesLocal(taskOf(instance).getId()))
        .containsOnlyKeys("certificantName", "extensionDeadline");
    engine.getTaskService().complete(taskOf(instance).getId(), Map.of("invoiceConfirmed", true));
    executeDueJobs(pid);

    assertThat(instance).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(instance).variables().containsEntry("submissionTiming", "EXTENDED");
    Invoice invoice = billing.invoicesOf(xena.getId()).stream()
        .filter(i -> i.getPurpose() == org.namss.recert.rules.FeePurpose.RECERTIFICATION).findFirst().orElseThrow();
    assertThat(lines(invoice)).containsExactly("RECERTIFICATION_FEE=175.00");
    payByCardAndApprove(xena, invoice, pid);
    assertThat(instance).isEnded().hasPassedInOrder("UserTask_PlaceRecertificationInvoice",
        "ServiceTask_PlaceInvoice", "UserTask_ReviewApplication", "EndEvent_Recertified");
    assertThat(status(xena)).isEqualTo(CertificationStatus.ACTIVE);
    verifyBadgeIssued(xena, "template-cpcs", 1);
  }

  @Test
  @DisplayName("The coverage listener uses this class's properties (RecertificationProcess only, at least 90%)")
  void coverageIsAssertedForTheRecertificationProcess() {
    // two ProcessEngineCoverageProperties beans would make the listener fall back silently to its defaults, which
    // assert nothing
    ProcessEngineCoverageProperties properties = context.getBean(ProcessEngineCoverageProperties.class);
    assertThat(properties.getExcludedProcessDefinitionKeys()).contains("ExtensionProcess");
    assertThat(properties.getClassCoverageAssertionConditions()).hasSize(1);
    assertThat(properties.getClassCoverageAssertionConditions().get(0).matches(0.89)).isFalse();
    assertThat(properties.getClassCoverageAssertionConditions().get(0).matches(0.9)).isTrue();
  }

  @Test
  @DisplayName("R14: a check with a negative amount, a date after today or no number is refused with what is wrong "
      + "(400 through the engine's REST API); the task stays open and nothing is recorded")
  void invalidCheckIsRefused() throws Exception {
    Renewal renewal = openWithEnoughCe("Vera", "Void", LocalDate.of(YEAR, 11, 20));
    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());
    Invoice invoice = billing.invoicesOf(renewal.certificant().getId()).get(0);
    Task task = taskOf(renewal.instance());
    assertThat(task).hasDefinitionKey("UserTask_RecordCheckPayment");

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
        check("2001", YEAR + "-11-21", -175.0, "Vera Void")))
        .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
        .hasMessage("The check cannot be recorded: the check is dated 2026-11-21, after today: record a postdated "
            + "check on its date; the amount must be more than 0 USD.");

    org.springframework.http.HttpHeaders headers = adminJson();
    String body = "{\"variables\":{\"checkNumber\":{\"value\":\" \"},\"checkDate\":{\"value\":\"2026-11-40\"},"
        + "\"checkAmount\":{\"value\":175.001},\"checkPayer\":{\"value\":\"Vera Void\"}}}";
    org.springframework.http.ResponseEntity<String> answer = rest.postForEntity("/engine-rest/task/" + task.getId()
        + "/complete", new org.springframework.http.HttpEntity<>(body, headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getBody()).contains("the check number is required",
        "the check's date '2026-11-40' is not a date (yyyy-mm-dd)", "the amount has more than 2 decimals");

    assertThat(renewal.instance()).isWaitingAt("UserTask_RecordCheckPayment")
        .hasNotPassed("BusinessRuleTask_RedecideTiming", "ServiceTask_ApplyCheckPayment");
    assertThat(taskOf(renewal.instance()).getId()).isEqualTo(task.getId());
    assertThat(billing.paymentsOf(invoice.getId())).isEmpty();

    // corrected, it is recorded
    engine.getTaskService().complete(task.getId(), check("2001", YEAR + "-11-20", 175.0, "Vera Void"));
    executeDueJobs(renewal.pid());
    assertThat(billing.paymentsOf(invoice.getId())).extracting(p -> p.getCheckNumber() + "=" + p.getAmount())
        .containsExactly("2001=175.00");
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
  }

  // ------------------------------------------------------------------------------------------------------------

  record Renewal(Certificant certificant, String pid, ProcessInstance instance) {}

  /** A certificant with enough CE (R5) whose renewal is open and waits for the application, on {@code today}. */
  private Renewal openWithEnoughCe(String firstName, String lastName, LocalDate today) {
    setClock(today);
    Certificant certificant = fixtures.cpcs(firstName, lastName, YEAR);
    fixtures.enoughForSingle(certificant, YEAR);
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("EventGateway_AwaitApplication");
    return new Renewal(certificant, pid, instance(pid));
  }

  /** Submits and pays by card: the renewal waits for review. Returns when the fee was received. */
  private Instant inReview(Renewal renewal) {
    renewals.submit(renewal.certificant(), YEAR);
    executeDueJobs(renewal.pid());
    Invoice invoice = billing.invoicesOf(renewal.certificant().getId()).get(0);
    Instant paidAt = ClockUtil.getCurrentTime().toInstant();
    cardPayments.confirm(renewal.certificant(), invoice.getInvoiceNumber(), invoice.getTotal(), "ch_" + renewal.pid(),
        "portal");
    executeDueJobs(renewal.pid());
    assertThat(renewal.instance()).isWaitingAt("UserTask_ReviewApplication");
    return paidAt;
  }

  static final String CALENDAR = "decisions/renewalCalendar.dmn";

  private void deployCalendar(String xml) {
    engine.getRepositoryService().createDeployment().name(ModelDeployer.DEPLOYMENT_NAME).source("recertification")
        .addString(CALENDAR, xml).deploy();
  }

  interface Check {
    void run() throws Exception;
  }

  /**
   * Deploys renewalCalendar with one output entry corrected, as analysts would, runs the check, and deploys the
   * shipped table again: it is the latest then, as other tests (which share the engine) expect.
   */
  private void withCorrectedCalendar(String entry, String corrected, Check check) throws Exception {
    String shipped = Files.readString(Path.of(CALENDAR));
    assertThat(shipped).contains("<text>" + entry + "</text>");
    try {
      deployCalendar(shipped.replace("<text>" + entry + "</text>", "<text>" + corrected + "</text>"));
      check.run();
    } finally {
      ClockUtil.reset(); // as analysts deploy: at the time of day, not on the test's clock
      deployCalendar(shipped);
    }
  }

  /**
   * The certificant asks for an extension (R20), pays its fee by card (R22) and staff approve the audit: the
   * extension process ends granted.
   */
  private void grantExtension(Certificant certificant) {
    String extensionPid = extensions.request(certificant).getProcessInstanceId();
    executeDueJobs(extensionPid);
    Invoice fee = billing.invoicesOf(certificant.getId()).stream()
        .filter(i -> i.getPurpose() == FeePurpose.EXTENSION).findFirst().orElseThrow();
    cardPayments.confirm(certificant, fee.getInvoiceNumber(), fee.getTotal(), "ch_x" + fee.getId(),
        certificant.primaryEmail());
    Task audit = engine.getTaskService().createTaskQuery().processInstanceId(extensionPid).singleResult();
    assertThat(audit).hasDefinitionKey("UserTask_AuditExtension");
    engine.getTaskService().complete(audit.getId(), Map.of("auditOutcome", "APPROVE"));
    executeDueJobs(extensionPid);
  }

  /** 00:00 of the day in the association's time zone, as the engine keeps a timer date. */
  private static Date midnight(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  /** When the timer job of the catch event is due, in the association's time zone. */
  private LocalDateTime timerDue(String pid, String activityId) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(pid).activityId(activityId)
        .timers().singleResult();
    assertThat(timer).as("timer of " + activityId).isNotNull();
    return LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZONE);
  }

  private void payByCardAndApprove(Certificant certificant, Invoice invoice, String pid) {
    cardPayments.confirm(certificant, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_" + pid, "portal");
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication");
    approve(pid);
  }

  private void approve(String pid) {
    Task review = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
    engine.getTaskService().complete(review.getId(), Map.of("reviewOutcome", "APPROVE"));
    executeDueJobs(pid);
  }

  private static Map<String, Object> check(String number, String date, double amount, String payer) {
    return Map.of("checkNumber", number, "checkDate", date, "checkAmount", amount, "checkPayer", payer);
  }

  /** Headers of a JSON request to the engine's REST API as the admin. */
  private static org.springframework.http.HttpHeaders adminJson() {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setBasicAuth("admin", ADMIN_PASSWORD);
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return headers;
  }

  private Task taskOf(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private ProcessInstance instance(String pid) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).singleResult();
  }

  private Job badgeJob(String pid) {
    return engine.getManagementService().createJobQuery().processInstanceId(pid)
        .activityId("ServiceTask_IssueBadge").singleResult();
  }

  private long historicCount(String pid, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId(activityId).count();
  }

  private RecertApplication application(Certificant certificant, ApplicationKind kind) {
    return applications.findByCertificantIdAndRenewalYearAndKind(certificant.getId(), YEAR, kind).orElseThrow();
  }

  private CertificationStatus status(Certificant certificant) {
    return certificants.get(certificant.getId()).getCertifications().get(0).getStatus();
  }

  private static List<String> lines(Invoice invoice) {
    return invoice.getLines().stream().map(l -> l.getFeeCode() + "=" + l.getAmount().setScale(2)).toList();
  }

  /** The plain-text body of the one message with this subject that {@code recipient} received. */
  private String body(String recipient, String subject) throws Exception {
    List<MimeMessage> matching = new ArrayList<>();
    for (MimeMessage message : mailsTo(recipient)) {
      if (subject.equals(message.getSubject())) {
        matching.add(message);
      }
    }
    assertThat(matching).as("messages to %s with subject '%s' (received: %s)", recipient, subject,
        subjectsTo(recipient)).hasSize(1);
    Object content = matching.get(0).getContent();
    if (content instanceof MimeMultipart alternative) {
      return alternative.getBodyPart(0).getContent().toString().replace("\r\n", "\n");
    }
    return content.toString().replace("\r\n", "\n");
  }

  /** R19, R24: one POST to Credly's badges, HTTP Basic with the token, in the profile's name. */
  private void verifyBadgeIssued(Certificant certificant, String templateId, int times) {
    TestServers.credly().verify(times, postRequestedFor(urlEqualTo(BADGES))
        .withBasicAuth(new BasicCredentials("test-credly-token", ""))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(matchingJsonPath("$.recipient_email", equalTo(certificant.primaryEmail())))
        .withRequestBody(matchingJsonPath("$.issued_to_first_name", equalTo(certificant.getFirstName())))
        .withRequestBody(matchingJsonPath("$.issued_to_last_name", equalTo(certificant.getLastName())))
        .withRequestBody(matchingJsonPath("$.issuer_earner_id", equalTo(certificant.getNumber())))
        .withRequestBody(matchingJsonPath("$.badge_template_id", equalTo(templateId)))
        .withRequestBody(matchingJsonPath("$.expires_at", equalTo("2030-01-01 04:59:59 +0000"))));
  }

}
