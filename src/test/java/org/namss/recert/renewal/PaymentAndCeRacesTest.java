package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.billing.Payment;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * What arrives while a renewal is on its way to a wait, in the job of an e-mail that is pending or retrying (SMTP
 * down): a card payment before {@code UserTask_RecordCheckPayment}, CE before {@code ReceiveTask_AwaitMoreCe} and
 * the changes a reviewer asked for before {@code ReceiveTask_AwaitChanges}. Each is taken into account when the
 * renewal gets there ({@code Gateway_InvoicePaid}, {@code Gateway_CeCompleteBeforeWait}, {@code
 * Gateway_ChangesArrived}); a payment is recorded and answered at once.
 */
class PaymentAndCeRacesTest extends TimeTravelTest {

  static final int YEAR = 2026;

  @Autowired RecertApplicationRepository applications;

  /** The SMTP server is down while the job runs: it fails and waits for its retry (R5/PT5M). */
  private void failWithSmtpDown(Job job) {
    TestServers.smtp().stop();
    try {
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
          .hasStackTraceContaining("SMTP delivery");
    } finally {
      TestServers.smtp().start();
    }
    assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
        .as("the e-mail's job waits for its retry").isEqualTo(4);
  }

  private Object variable(String pid, String name) {
    return engine.getRuntimeService().getVariable(pid, name);
  }

  private ApplicationStatus applicationStatus(String pid) {
    return applications.findById(((Number) variable(pid, RenewalVariables.APPLICATION_ID)).longValue())
        .orElseThrow().getStatus();
  }

  /** A renewal submitted on the day with enough CE, its invoice placed and its e-mail's job next. */
  private String atInvoiceMail(Certificant certificant, LocalDateTime at) {
    setClock(at);
    fixtures.enoughForSingle(certificant, YEAR);
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(certificant, YEAR);
    runUntil(pid, "ServiceTask_SendInvoice");
    return pid;
  }

  @Test
  @DisplayName("SMTP outage: a card payment while the invoice e-mail retries is recorded; the renewal goes to review")
  void cardPaymentWhileInvoiceMailRetries() {
    Certificant pat = fixtures.cpcs("Pat", "Payer", YEAR);
    String pid = atInvoiceMail(pat, LocalDateTime.of(YEAR, 11, 20, 10, 0));
    Invoice invoice = onlyInvoice(pat); // placed and listed at GET /api/certificants/{n}/invoices
    failWithSmtpDown(engine.getManagementService().createJobQuery().processInstanceId(pid)
        .activityId("ServiceTask_SendInvoice").singleResult());

    // the payment provider charged the card and confirms it two minutes later, during the outage
    setClock(LocalDateTime.of(YEAR, 11, 20, 10, 2));
    assertThatCode(() -> payByCard(pat, invoice)).doesNotThrowAnyException();
    List<Payment> payments = billing.paymentsOf(invoice.getId());
    assertThat(payments).hasSize(1);
    assertThat(billing.invoice(invoice.getId()).getStatus()).isEqualTo(InvoiceStatus.PAID);
    assertThat(instance(pid)).isNotWaitingAt("UserTask_RecordCheckPayment");

    // SMTP is back for the retry: the invoice goes out, then the renewal finds it paid and does not wait for it
    setClock(LocalDateTime.of(YEAR, 11, 20, 10, 6));
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication")
        .hasPassedInOrder("ServiceTask_SendInvoice", "Gateway_InvoicePaid", "Gateway_JoinPaid",
            "ServiceTask_SendPaymentReceived", "EndEvent_ApplicationComplete")
        .hasNotPassed("UserTask_RecordCheckPayment", "BoundaryEvent_CardPaymentConfirmed");
    assertThat(variable(pid, RenewalVariables.PAYMENT_ID)).isEqualTo(payments.get(0).getId());
    assertThat(variable(pid, RenewalVariables.PAID_IN_FULL)).isEqualTo(true);
    // R16: the review is due 21 days after the fee was received (10:02), not after the renewal got here (10:06)
    assertThat(variable(pid, RenewalVariables.REVIEW_DUE_AT))
        .isEqualTo(Date.from(payments.get(0).getRecordedAt().plus(Duration.ofDays(21))));
    assertThat(applicationStatus(pid)).isEqualTo(ApplicationStatus.IN_REVIEW);
    assertThat(subjectsTo(pat.primaryEmail())).contains("Payment received for invoice " + invoice.getInvoiceNumber());
  }

  /** SMTP stays down through every retry of the job (R5/PT5M): it ends as an incident for operations. */
  private void exhaustWithSmtpDown(String pid, String activityId, LocalDateTime from) {
    TestServers.smtp().stop();
    try {
      LocalDateTime at = from;
      for (int attempt = 0; attempt < 5; attempt++) {
        setClock(at);
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pid).activityId(activityId)
            .singleResult();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
            .hasStackTraceContaining("SMTP delivery");
        at = at.plusMinutes(6);
      }
    } finally {
      TestServers.smtp().start();
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).activityId(activityId)
        .count()).as("an incident at %s", activityId).isEqualTo(1);
  }

  @Test
  @DisplayName("R25: paid by card in time, the invoice e-mail an incident over the deadline: review, no lapse")
  void paidInTimeWhileInvoiceMailIsAnIncidentAtTheDeadline() {
    Certificant pat = fixtures.cpcs("Pat", "Latepost", YEAR);
    String pid = atInvoiceMail(pat, LocalDateTime.of(YEAR, 12, 30, 10, 0));
    Invoice invoice = onlyInvoice(pat);
    exhaustWithSmtpDown(pid, "ServiceTask_SendInvoice", LocalDateTime.of(YEAR, 12, 30, 10, 0));
    setClock(LocalDateTime.of(YEAR, 12, 31, 15, 0));
    payByCard(pat, invoice); // the certificant paid from the member portal; nobody has seen to the incident yet
    Instant paidAt = billing.paymentsOf(invoice.getId()).get(0).getRecordedAt();

    // the deadline passes before operations retry the e-mail
    travelTo(pid, LocalDateTime.of(YEAR + 1, 1, 1, 0, 5));

    assertThat(instance(pid)).as("complete in time (R25): reviewed, not lapsed")
        .isWaitingAt("UserTask_ReviewApplication")
        .hasPassedInOrder("BoundaryEvent_CompletionDeadlinePassed", "Gateway_PaidByDeadline",
            "ServiceTask_ConfirmPaymentAtDeadline", "Gateway_JoinReviewRound")
        .hasNotPassed("ServiceTask_LapseCertification", "ServiceTask_SendLapsedLetter");
    assertThat(status(pat)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(applicationStatus(pid)).isEqualTo(ApplicationStatus.IN_REVIEW);
    assertThat(billing.invoice(invoice.getId()).getStatus()).isEqualTo(InvoiceStatus.PAID);
    assertThat(variable(pid, RenewalVariables.PAYMENT_ID))
        .isEqualTo(billing.paymentsOf(invoice.getId()).get(0).getId());
    // R16: the review is due 21 days after the fee was received, not after the deadline
    assertThat(variable(pid, RenewalVariables.REVIEW_DUE_AT)).isEqualTo(Date.from(paidAt.plus(Duration.ofDays(21))));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count())
        .as("the invoice e-mail is moot: its incident went with it").isZero();
    assertThat(subjectsTo(pat.primaryEmail())).contains("Payment received for invoice " + invoice.getInvoiceNumber());
  }

  @Test
  @DisplayName("R25: a check recorded in time, its confirmation an incident over the deadline: review, no lapse")
  void checkRecordedInTimeWhileConfirmationIsAnIncidentAtTheDeadline() {
    Certificant chris = fixtures.cpcs("Chris", "Checkwriter", YEAR);
    String pid = atInvoiceMail(chris, LocalDateTime.of(YEAR, 12, 28, 10, 0));
    Invoice invoice = onlyInvoice(chris);
    executeDueJobs(pid);
    setClock(LocalDateTime.of(YEAR, 12, 30, 11, 0));
    engine.getTaskService().complete(task(pid, "UserTask_RecordCheckPayment").getId(), Map.of("checkNumber", "4711",
        "checkAmount",
        invoice.getTotal().toPlainString(), "checkDate", LocalDate.of(YEAR, 12, 27).toString(),
        "checkPayer", chris.fullName()));
    Long checkPayment = (Long) variable(pid, RenewalVariables.PAYMENT_ID);
    Object reviewDue = variable(pid, RenewalVariables.REVIEW_DUE_AT);
    exhaustWithSmtpDown(pid, "ServiceTask_SendPaymentReceived", LocalDateTime.of(YEAR, 12, 30, 11, 0));

    travelTo(pid, LocalDateTime.of(YEAR + 1, 1, 1, 0, 5));

    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication")
        .hasPassedInOrder("Gateway_PaidByDeadline", "ServiceTask_ConfirmPaymentAtDeadline")
        .hasNotPassed("ServiceTask_LapseCertification");
    assertThat(status(chris)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(variable(pid, RenewalVariables.PAYMENT_ID)).isEqualTo(checkPayment);
    assertThat(variable(pid, RenewalVariables.REVIEW_DUE_AT)).as("set when the check was recorded").isEqualTo(reviewDue);
    assertThat(billing.paymentsOf(invoice.getId())).hasSize(1);
    assertThat(subjectsTo(chris.primaryEmail()))
        .contains("Payment received for invoice " + invoice.getInvoiceNumber());
  }

  @Test
  @DisplayName("A card payment before the invoice e-mail's job ran is recorded; what cannot be paid is still refused")
  void cardPaymentBeforeInvoiceMailRanAndUnpayableStillRefused() {
    Certificant kim = fixtures.cpcs("Kim", "Quick", YEAR);
    String pid = atInvoiceMail(kim, LocalDateTime.of(YEAR, 11, 20, 10, 0));
    Invoice invoice = onlyInvoice(kim);

    // not the amount due: refused as ever, nothing recorded
    assertThatThrownBy(() -> cardPayments.confirm(kim, invoice.getInvoiceNumber(), new BigDecimal("1.00"), "ch_low",
        kim.primaryEmail())).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThat(billing.paymentsOf(invoice.getId())).isEmpty();

    assertThatCode(() -> payByCard(kim, invoice)).doesNotThrowAnyException();
    // paid now: a second charge for it is refused (409), as is any payment of an invoice that is not open
    assertThatThrownBy(() -> cardPayments.confirm(kim, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_again",
        kim.primaryEmail())).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT)).hasMessageContaining("is PAID, not open");
    assertThat(billing.paymentsOf(invoice.getId())).hasSize(1);

    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication").hasPassed("Gateway_InvoicePaid")
        .hasNotPassed("UserTask_RecordCheckPayment");
  }

  @Test
  @DisplayName("SMTP outage: CE completed while 'something missing' retries is seen; the renewal goes on to pay")
  void ceUploadWhileSomethingMissingMailRetries() {
    setClock(LocalDateTime.of(YEAR, 11, 2, 10, 0));
    Certificant sam = fixtures.cpcs("Sam", "Short", YEAR);
    fixtures.credits(sam, LocalDate.of(YEAR - 1, 3, 1), "16", true);
    String pid = renewals.open(sam.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(sam, YEAR);
    Job missingMail = runUntil(pid, "ServiceTask_SendSomethingMissing");
    failWithSmtpDown(missingMail);

    // the certificant uploads the remaining 14 credits (with certificate) while the e-mail job waits for its retry
    fixtures.credits(sam, LocalDate.of(YEAR - 1, 6, 1), "14", false);
    setClock(LocalDateTime.of(YEAR, 11, 2, 10, 6)); // the retry is due, SMTP is back
    executeDueJobs(pid);

    assertThat(instance(pid)).as("CE is complete: the renewal goes on to the invoice")
        .isWaitingAt("UserTask_RecordCheckPayment")
        .hasPassedInOrder("ServiceTask_SendSomethingMissing", "Gateway_CeCompleteBeforeWait", "Gateway_JoinCheck",
            "ServiceTask_CheckCredits", "ServiceTask_PlaceInvoice")
        .hasNotPassed("ReceiveTask_AwaitMoreCe");
    assertThat(variable(pid, RenewalVariables.CE_COMPLETE)).isEqualTo(true);
    assertThat(subjectsTo(sam.primaryEmail())).as("nothing is missing any more: not told that something is")
        .noneMatch(subject -> subject.contains("something is missing"))
        .anyMatch(subject -> subject.contains("recertification invoice"));
    assertThat(onlyInvoice(sam).getStatus()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(applicationStatus(pid)).isEqualTo(ApplicationStatus.AWAITING_PAYMENT);
  }

  @Test
  @DisplayName("SMTP outage: changes uploaded while 'changes requested' retries bring the review back; no lapse")
  void changesUploadedWhileChangesRequestedMailRetries() {
    Certificant cas = fixtures.cpcs("Cas", "Changes", YEAR);
    String pid = atInvoiceMail(cas, LocalDateTime.of(YEAR, 11, 10, 10, 0));
    executeDueJobs(pid);
    payByCard(cas, onlyInvoice(cas));
    executeDueJobs(pid);
    assertThat(instance(pid)).isWaitingAt("UserTask_ReviewApplication");

    setClock(LocalDateTime.of(YEAR, 11, 12, 9, 0));
    engine.getTaskService().complete(task(pid, "UserTask_ReviewApplication").getId(),
        Map.of("reviewOutcome", "REQUEST_CHANGES", "reviewMessage", "Please add the certificate of the May course."));
    Job changesMail = runUntil(pid, "ServiceTask_SendChangesRequested");
    failWithSmtpDown(changesMail);
    assertThat(applicationStatus(pid)).isEqualTo(ApplicationStatus.CHANGES_REQUESTED);

    // the certificant was told by phone and uploads at once, while the e-mail's job waits for its retry
    setClock(LocalDateTime.of(YEAR, 11, 12, 9, 1));
    fixtures.credits(cas, LocalDate.of(YEAR, 5, 20), "2", true);
    setClock(LocalDateTime.of(YEAR, 11, 12, 9, 6));
    executeDueJobs(pid);

    assertThat(instance(pid)).as("the changes arrived: a new review round, not a wait until the changes deadline")
        .isWaitingAt("UserTask_ReviewApplication")
        .hasPassedInOrder("ServiceTask_SendChangesRequested", "Gateway_ChangesArrived", "Gateway_JoinReviewRound")
        .hasNotPassed("ReceiveTask_AwaitChanges", "BoundaryEvent_ChangesDeadlinePassed");
    assertThat(applicationStatus(pid)).isEqualTo(ApplicationStatus.IN_REVIEW);
    assertThat(variable(pid, RenewalVariables.CHANGES_DUE_AT)).isNull();
    assertThat(variable(pid, RenewalVariables.CHANGES_REQUESTED_AT)).isNull();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pid)
        .activityId("BoundaryEvent_ChangesDeadlinePassed").count()).as("no changes deadline left").isZero();
  }
}
