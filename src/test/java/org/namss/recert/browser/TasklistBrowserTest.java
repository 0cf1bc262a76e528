package org.namss.recert.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.Payment;
import org.namss.recert.billing.PaymentMethod;
import org.namss.recert.billing.PaymentRepository;
import org.namss.recert.ce.Attendance;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.extension.ExtensionService;
import org.namss.recert.renewal.CardPayments;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.security.Groups;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** Certification staff work the recertification in Camunda Tasklist, in a real browser (R14, R15, R16). */
class TasklistBrowserTest extends BrowserTestBase {

  static final int YEAR = 2026;
  static final String STAFF_FILTER = "Certification staff: review and payments";
  static final String PASSWORD = "staff-browser-password";
  static final String BADGES = "/v1/organizations/org-42/badges";

  @Autowired Fixtures fixtures;
  @Autowired CeService ce;
  @Autowired RenewalService renewals;
  @Autowired BillingService billing;
  @Autowired CertificantService certificants;
  @Autowired CardPayments cardPayments;
  @Autowired PaymentRepository payments;
  @Autowired ExtensionService extensions;

  @BeforeEach
  void initAssertions() {
    init(engine);
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-1\"}}").withStatus(201)));
  }

  @Test
  @DisplayName("R16, R19: staff find the review in their group's filter, claim it, read the CE summary and approve")
  void staffApproveReviewInTasklist() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant jane = fixtures.cpcs("Jane", "Reviewed", YEAR);
    activity(jane, "Credentialing essentials", LocalDate.of(YEAR - 1, 3, 1), "16", true);
    activity(jane, "Bylaws workshop", LocalDate.of(YEAR - 1, 6, 1), "14.5", false);
    String pid = submitted(jane);
    Invoice invoice = billing.invoicesOf(jane.getId()).get(0);
    cardPayments.confirm(jane, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_browser", "jane");
    executeDueJobs(pid);
    ProcessInstance instance = instance(pid);
    assertThat(instance).isWaitingAt("UserTask_ReviewApplication");
    Task review = task(pid);

    String staff = createUser("staff", PASSWORD, Groups.STAFF);
    login("tasklist", staff, PASSWORD);
    openStaffFilter();
    openAndClaim(review, staff);

    WebElement form = visible(By.cssSelector(".fjs-container"));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Credentialing essentials"));
    String shown = form.getText();
    assertThat(shown).contains("Jane Reviewed", jane.getNumber(), "CPCS",
        "30.5 of 30 credits required", "16 of 15 association-approved",
        "Credentialing essentials - NAMSS, 2025-03-01, 16 credits, association-approved",
        "Bylaws workshop - NAMSS, 2025-06-01, 14.5 credits, not approved");

    click(By.xpath("//label[contains(@class,'fjs-form-field-label')][normalize-space(.)='Approve']/input"));
    complete();

    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> engine.getTaskService().createTaskQuery().taskId(review.getId()).count() == 0);
    executeDueJobs(pid);
    assertThat(instance).isEnded().hasPassedInOrder("UserTask_ReviewApplication", "ServiceTask_RenewCertification",
        "ServiceTask_IssueBadge", "EndEvent_Recertified");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult()
        .getAssignee()).isEqualTo(staff);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableName("reviewOutcome").singleResult().getValue()).isEqualTo("APPROVE");
    assertThat(certificants.get(jane.getId()).getCertifications().get(0).getStatus())
        .isEqualTo(CertificationStatus.ACTIVE);
    assertThat(certificants.get(jane.getId()).getCertifications().get(0).getRenewalYear()).isEqualTo(YEAR + 3);
    TestServers.credly().verify(1, postRequestedFor(urlEqualTo(BADGES)));
  }

  @Test
  @DisplayName("R14, R15: staff record a check through its form; the payment is stored and the review starts")
  void staffRecordCheckPaymentInTasklist() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant bob = fixtures.cpcs("Bob", "Checkwriter", YEAR);
    fixtures.enoughForSingle(bob, YEAR);
    String pid = submitted(bob);
    Invoice invoice = billing.invoicesOf(bob.getId()).get(0);
    Task recordCheck = task(pid);
    assertThat(recordCheck.getTaskDefinitionKey()).isEqualTo("UserTask_RecordCheckPayment");

    String staff = createUser("staff", PASSWORD, Groups.STAFF);
    login("tasklist", staff, PASSWORD);
    openStaffFilter();
    openAndClaim(recordCheck, staff);

    WebElement form = visible(By.cssSelector(".fjs-container"));
    wait.until(ExpectedConditions.textToBePresentInElement(form, invoice.getInvoiceNumber()));
    assertThat(form.getText()).contains("Bob Checkwriter", "Total $" + invoice.getTotal().toPlainString());
    WebElement date = field("Field_checkDate-date");
    fill(date, "11/18/2026");
    pressEnter(date);
    fill(field("Field_checkNumber"), "20417");
    fill(field("Field_checkAmount"), invoice.getTotal().toPlainString());
    fill(field("Field_checkPayer"), "Bob Checkwriter");
    complete();

    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> engine.getTaskService().createTaskQuery().taskId(recordCheck.getId()).count() == 0);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication").hasPassedInOrder(
        "UserTask_RecordCheckPayment", "BusinessRuleTask_RedecideTiming", "ServiceTask_ApplyCheckPayment",
        "ServiceTask_SendPaymentReceived");
    List<Payment> stored = payments.findAll().stream().filter(p -> p.getInvoiceId().equals(invoice.getId()))
        .toList();
    assertThat(stored).singleElement().satisfies(p -> {
      assertThat(p.getMethod()).isEqualTo(PaymentMethod.CHECK);
      assertThat(p.getCheckNumber()).isEqualTo("20417");
      assertThat(p.getCheckDate()).isEqualTo(LocalDate.of(YEAR, 11, 18));
      assertThat(p.getAmount()).isEqualByComparingTo(invoice.getTotal());
      assertThat(p.getPayer()).isEqualTo("Bob Checkwriter");
      assertThat(p.getRecordedBy()).isEqualTo(staff);
    });
  }

  @Test
  @DisplayName("R14, R20, R22: staff audit an extension whose fee came by check: the form shows it unpaid, asks for the "
      + "check once Grant is chosen, records it and grants")
  void staffGrantExtensionWithCheckInTasklist() throws Exception {
    setClock(LocalDate.of(YEAR, 11, 20));
    Certificant eve = fixtures.cpcs("Eve", "Extending", YEAR);
    activity(eve, "Credentialing essentials", LocalDate.of(YEAR - 1, 3, 1), "16", true);
    String renewalPid = renewals.open(eve.getId(), YEAR).orElseThrow();
    executeDueJobs(renewalPid);
    String pid = extensions.request(eve).getProcessInstanceId();
    executeDueJobs(pid);
    ProcessInstance instance = instance(pid);
    Task audit = task(pid);
    assertThat(audit.getTaskDefinitionKey()).isEqualTo("UserTask_AuditExtension");
    Invoice fee = billing.invoicesOf(eve.getId()).get(0);

    String staff = createUser("auditor", PASSWORD, Groups.STAFF);
    login("tasklist", staff, PASSWORD);
    openStaffFilter();
    openAndClaim(audit, staff);

    WebElement form = visible(By.cssSelector(".fjs-container"));
    wait.until(ExpectedConditions.textToBePresentInElement(form, fee.getInvoiceNumber()));
    assertThat(form.getText()).contains("Eve Extending", "Extension fee: invoice " + fee.getInvoiceNumber()
        + ", 50.00 USD, not paid");
    assertThat(form.findElements(By.cssSelector("input[id$='-Field_checkNumber']"))).as("no check asked yet")
        .isEmpty();
    click(By.xpath("//label[contains(@class,'fjs-form-field-label')][normalize-space(.)='Grant the extension']"
        + "/input"));
    click(By.xpath("//label[contains(@class,'fjs-form-field-label')][normalize-space(.)='Check']/input"));
    WebElement date = field("Field_checkDate-date");
    fill(date, "11/18/2026");
    pressEnter(date);
    fill(field("Field_checkNumber"), "3301");
    fill(field("Field_checkAmount"), "50.00");
    fill(field("Field_checkPayer"), "Eve Extending");
    complete();

    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> engine.getTaskService().createTaskQuery().taskId(audit.getId()).count() == 0);
    executeDueJobs(pid);
    assertThat(instance).isEnded().hasPassedInOrder("UserTask_AuditExtension", "ServiceTask_GrantExtension",
        "EndEvent_ExtensionGranted");
    assertThat(certificants.get(eve.getId()).getCertifications().get(0).getStatus())
        .isEqualTo(CertificationStatus.EXTENDED);
    assertThat(payments.findAll().stream().filter(p -> p.getInvoiceId().equals(fee.getId())).toList())
        .singleElement().satisfies(p -> {
          assertThat(p.getMethod()).isEqualTo(PaymentMethod.CHECK);
          assertThat(p.getCheckNumber()).isEqualTo("3301");
          assertThat(p.getCheckDate()).isEqualTo(LocalDate.of(YEAR, 11, 18));
          assertThat(p.getAmount()).isEqualByComparingTo("50.00");
          assertThat(p.getRecordedBy()).isEqualTo(staff);
        });
  }

  /** The group's saved filter is there at the first login, and lists the task. */
  private void openStaffFilter() {
    WebElement filter = visible(By.xpath("//div[contains(@class,'task-filter')][.//*[contains(normalize-space(.),'"
        + STAFF_FILTER + "')]]"));
    click(filter);
    wait.until(ExpectedConditions.attributeContains(filter, "class", "active"));
  }

  private void openAndClaim(Task task, String userId) {
    click(By.cssSelector("li.task a[href*='task=" + task.getId() + "']"));
    click(By.cssSelector("button.claim"));
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> userId.equals(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult()
            .getAssignee()));
  }

  private WebElement field(String idSuffix) {
    return visible(By.cssSelector(".fjs-container input[id$='-" + idSuffix + "']"));
  }

  private void complete() {
    click(clickable(By.cssSelector("button[ng-click='complete()']")));
  }

  private void activity(Certificant certificant, String title, LocalDate earnedOn, String credits, boolean approved) {
    ce.add(certificant, new CeService.NewActivity(title, "NAMSS", earnedOn, new BigDecimal(credits), approved,
        Attendance.IN_PERSON, "Boston", "MA"), "certificate.pdf", Fixtures.PDF);
  }

  /** Opens the renewal and submits the application through the services: the instance waits for payment. */
  private String submitted(Certificant certificant) {
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(certificant, YEAR);
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_RecordCheckPayment");
    return pid;
  }

  private Task task(String pid) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
  }

  private ProcessInstance instance(String pid) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).singleResult();
  }
}
