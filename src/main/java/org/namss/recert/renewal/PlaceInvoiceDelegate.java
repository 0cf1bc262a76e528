package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.SubmissionTiming;
import org.springframework.stereotype.Component;

/** R28: places the invoice the fee table gives for the purpose (input "feePurpose") and the decided timing. */
@Component("placeInvoiceDelegate")
public class PlaceInvoiceDelegate implements JavaDelegate {

  private final BillingService billing;

  public PlaceInvoiceDelegate(BillingService billing) {
    this.billing = billing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object purpose = execution.getVariable("feePurpose");
    FeePurpose feePurpose = purpose == null ? FeePurpose.RECERTIFICATION : FeePurpose.valueOf(purpose.toString());
    String timing = text(execution, SUBMISSION_TIMING);
    Invoice invoice = billing.place(applicationId(execution), feePurpose,
        timing == null ? null : SubmissionTiming.valueOf(timing));
    execution.setVariable(INVOICE_ID, invoice.getId());
  }
}
