package org.namss.recert.renewal;

import java.math.BigDecimal;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.ApplicationKind;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.Payment;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.rules.FeePurpose;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A card payment confirmed through the API: recorded and handed to the waiting renewal in one transaction. */
@Service
public class CardPayments {

  private final BillingService billing;
  private final RecertApplicationRepository applications;
  private final RuntimeService runtimeService;
  private final PaymentReceived paymentReceived;

  public CardPayments(BillingService billing, RecertApplicationRepository applications,
      RuntimeService runtimeService, PaymentReceived paymentReceived) {
    this.billing = billing;
    this.applications = applications;
    this.runtimeService = runtimeService;
    this.paymentReceived = paymentReceived;
  }

  @Transactional
  public Invoice confirm(Certificant certificant, String invoiceNumber, BigDecimal amount, String reference,
      String recordedBy) {
    Payment payment = billing.recordCard(certificant, invoiceNumber, amount, reference, recordedBy);
    Invoice invoice = billing.invoice(payment.getInvoiceId());
    if (invoice.getPurpose() == FeePurpose.RECERTIFICATION) {
      RecertApplication application = applications.findById(invoice.getApplicationId()).orElseThrow();
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
}
