package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.math.BigDecimal;
import java.util.Comparator;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.billing.Payment;
import org.namss.recert.billing.PaymentMethod;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.rules.FeePurpose;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A card payment confirmed through the API: recorded and handed to the renewal in one transaction. The renewal
 * either waits for it ({@code BoundaryEvent_CardPaymentConfirmed}) or is still on its way there: its invoice is
 * placed in the credit check's job, and the invoice e-mail ({@code ServiceTask_SendInvoice}, a job that retries
 * while SMTP is down) comes before the wait. A payment in that window is recorded and answered as any other; the
 * renewal finds the invoice paid at {@code Gateway_InvoicePaid} right after the e-mail and takes the same path
 * as the boundary event. Both sides lock the invoice's row first, so a payment confirmed while the e-mail job runs
 * is either seen by the gateway or finds the renewal waiting for it.
 */
@Service("cardPayments")
public class CardPayments {

  static final String ACTIVITY_SEND_INVOICE = "ServiceTask_SendInvoice";
  static final String GATEWAY_INVOICE_PAID = "Gateway_InvoicePaid";

  private final BillingService billing;
  private final RecertApplicationRepository applications;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final RepositoryService repositoryService;
  private final PaymentReceived paymentReceived;
  private final RowLocks locks;

  public CardPayments(BillingService billing, RecertApplicationRepository applications,
      RuntimeService runtimeService, ManagementService managementService, RepositoryService repositoryService,
      PaymentReceived paymentReceived, RowLocks locks) {
    this.billing = billing;
    this.applications = applications;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
    this.paymentReceived = paymentReceived;
    this.locks = locks;
  }

  @Transactional
  public Invoice confirm(Certificant certificant, String invoiceNumber, BigDecimal amount, String reference,
      String recordedBy) {
    locks.invoice(certificant.getId(), invoiceNumber); // none: recordCard answers 404
    Payment payment = billing.recordCard(certificant, invoiceNumber, amount, reference, recordedBy);
    Invoice invoice = billing.invoice(payment.getInvoiceId());
    if (invoice.getPurpose() == FeePurpose.RECERTIFICATION) {
      RecertApplication application = applications.findById(invoice.getApplicationId()).orElseThrow();
      if (onItsWayToPayment(application.getProcessInstanceId(), invoice.getId())) {
        return invoice; // Gateway_InvoicePaid finds it paid (paidBeforeWait)
      }
      try {
        runtimeService.createMessageCorrelation(RenewalVariables.MESSAGE_CARD_PAYMENT_CONFIRMED)
            .processInstanceId(application.getProcessInstanceId())
            .setVariable(RenewalVariables.PAYMENT_ID, payment.getId())
            .setVariables(paymentReceived.variables(application.getKind() == ApplicationKind.REINSTATEMENT,
                application.getId()))
            .correlate();
      } catch (MismatchingMessageCorrelationException e) {
        throw ApiException.conflict("Invoice " + invoiceNumber + " is not awaiting payment in its process");
      }
    }
    return invoice;
  }

  /**
   * Whether the renewal placed this invoice and has yet to send it (the e-mail's job is pending, retrying or an
   * incident), in a model version that asks at {@code Gateway_InvoicePaid} whether it was paid meanwhile. Asked
   * before correlating: a correlation that fails marks the transaction for rollback.
   */
  private boolean onItsWayToPayment(String processInstanceId, Long invoiceId) {
    if (processInstanceId == null) {
      return false;
    }
    Job invoiceMail = managementService.createJobQuery().processInstanceId(processInstanceId)
        .activityId(ACTIVITY_SEND_INVOICE).singleResult();
    if (invoiceMail == null || repositoryService.getBpmnModelInstance(invoiceMail.getProcessDefinitionId())
        .getModelElementById(GATEWAY_INVOICE_PAID) == null) {
      return false;
    }
    Object placed = runtimeService.getVariable(processInstanceId, INVOICE_ID);
    return placed instanceof Number number && number.longValue() == invoiceId;
  }

  /**
   * {@code Gateway_InvoicePaid}, right after the invoice e-mail: was the invoice paid by card before the renewal
   * came to wait for the payment? Locks the invoice's row (see the class comment).
   */
  public boolean invoicePaid(DelegateExecution execution) {
    Long invoiceId = invoiceId(execution);
    return invoiceId != null && InvoiceStatus.PAID.name().equals(locks.invoiceStatus(invoiceId));
  }

  /**
   * The "yes" flow of {@code Gateway_PaidByDeadline} (R25): the deadline came while the renewal was still on its way
   * with a fee received in full, asked by {@link #invoicePaid}. A check or a card payment the renewal waited for
   * brought the review's facts with it; a card payment confirmed while the invoice e-mail was still to go out did
   * not, and brings them now, as {@link #paidBeforeWait} does at the gateway after the e-mail.
   */
  public void paidByDeadline(DelegateExecution execution) {
    Long invoiceId = invoiceId(execution);
    boolean brought = execution.getVariable(PAYMENT_ID) instanceof Number paymentId
        && billing.paymentsOf(invoiceId).stream().anyMatch(p -> p.getId() == paymentId.longValue());
    if (!brought) {
      paidBeforeWait(execution);
    }
  }

  /**
   * The "paid" flow of {@code Gateway_InvoicePaid}: what the card payment's message brings to the boundary event
   * (the payment, paid in full, the application in review), the review due counted from when the payment was
   * recorded (R16), not from when the renewal got here.
   */
  public void paidBeforeWait(DelegateExecution execution) {
    Payment payment = billing.paymentsOf(invoiceId(execution)).stream()
        .filter(p -> p.getMethod() == PaymentMethod.CARD).max(Comparator.comparing(Payment::getId)).orElseThrow();
    execution.setVariable(PAYMENT_ID, payment.getId());
    execution.setVariables(paymentReceived.variables(flag(execution, REINSTATING), applicationId(execution),
        payment.getRecordedAt()));
  }
}
