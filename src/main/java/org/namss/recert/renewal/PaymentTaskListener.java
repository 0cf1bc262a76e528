package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.rules.DecisionRules;
import org.springframework.stereotype.Component;

/**
 * Shows staff whom and what a payment or invoice task is about (task-local display variables): only what the task's
 * form shows, since each variable is a row written and deleted with every task, and most check tasks end unopened
 * when the certificant pays by card. The certificant's number is not among them: it is a variable of the process,
 * which the form reads.
 */
@Component("paymentTaskListener")
public class PaymentTaskListener implements TaskListener {

  private final CertificantService certificants;
  private final BillingService billing;
  private final DecisionRules rules;

  public PaymentTaskListener(CertificantService certificants, BillingService billing, DecisionRules rules) {
    this.certificants = certificants;
    this.billing = billing;
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    Certificant certificant = certificants.get(certificantId(task));
    Map<String, Object> display = new HashMap<>();
    display.put(CERTIFICANT_NAME, certificant.fullName());
    // certificantNumber: the form reads the process variable; a task-local copy would be one more row per task
    Long invoiceId = invoiceId(task);
    if (invoiceId != null) { // recording a check: the invoice it pays (recordCheckPaymentForm)
      if (task.hasVariable(CHECK_NUMBER)) {
        // a further check of a partial payment: the previous check's values must not be taken for this one (a
        // completion without values is then refused by CheckPaymentValidation instead of recording it twice).
        // Set to null, not removed: the re-decision's input mapping reads checkDate. Nothing is written on the
        // first check task, which most renewals end without opening (they pay by card).
        task.getExecution().setVariables(Variables.createVariables().putValue(CHECK_NUMBER, null)
            .putValue(CHECK_DATE, null).putValue(CHECK_AMOUNT, null).putValue(CHECK_PAYER, null));
      }
      Invoice invoice = billing.invoice(invoiceId);
      display.put(INVOICE_NUMBER, invoice.getInvoiceNumber());
      display.put(INVOICE_TOTAL, invoice.getTotal().toPlainString());
    } else { // placing the invoice of an extended renewal: until when the extension runs (placeInvoiceForm)
      display.put(EXTENSION_DEADLINE, rules.renewalCalendar(renewalYear(task)).extensionDeadline().toString());
    }
    task.setVariablesLocal(display);
  }
}
