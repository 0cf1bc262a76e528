package org.namss.recert.extension;

import static org.namss.recert.renewal.RenewalVariables.EXTENSION_FEE_PAID;
import static org.namss.recert.renewal.RenewalVariables.INVOICE_NUMBER;
import static org.namss.recert.renewal.RenewalVariables.INVOICE_TOTAL;
import static org.namss.recert.renewal.RenewalVariables.invoiceId;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.springframework.stereotype.Component;

/**
 * R20, R22: shows the auditor the extension fee's invoice and whether it is paid (task-local display variables), so
 * that the form asks for the check that paid it when it is not; {@link ExtensionService#grant} checks it again when
 * the audit is approved, since a card payment may arrive while the task is open.
 */
@Component("extensionFeeTaskListener")
public class ExtensionFeeTaskListener implements TaskListener {

  private final BillingService billing;

  public ExtensionFeeTaskListener(BillingService billing) {
    this.billing = billing;
  }

  @Override
  public void notify(DelegateTask task) {
    Invoice invoice = billing.invoice(invoiceId(task));
    task.setVariablesLocal(Map.of(INVOICE_NUMBER, invoice.getInvoiceNumber(),
        INVOICE_TOTAL, invoice.getTotal().toPlainString(),
        EXTENSION_FEE_PAID, invoice.getStatus() == InvoiceStatus.PAID));
  }
}
