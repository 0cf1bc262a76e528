package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.BillingService.CheckResult;
import org.namss.recert.rules.SubmissionTiming;
import org.springframework.stereotype.Component;

/** R14, R15: applies the check staff recorded, with the timing re-decided from the check's date. */
@Component("applyCheckPaymentDelegate")
public class ApplyCheckPaymentDelegate implements JavaDelegate {

  private final BillingService billing;
  private final PaymentReceived paymentReceived;

  public ApplyCheckPaymentDelegate(BillingService billing, PaymentReceived paymentReceived) {
    this.billing = billing;
    this.paymentReceived = paymentReceived;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String timing = text(execution, SUBMISSION_TIMING);
    CheckResult result = recordEntered(billing, execution, invoiceId(execution),
        timing == null ? null : SubmissionTiming.valueOf(timing));
    execution.setVariable(PAYMENT_ID, result.paymentId());
    execution.setVariable(PAID_IN_FULL, result.paidInFull());
    execution.setVariable(PAYMENT_NOTE, result.paidInFull() ? null
        : "The checks so far leave " + result.balance().toPlainString() + " of " + result.total().toPlainString()
            + " USD unpaid; record the next check when it arrives.");
    if (result.paidInFull()) {
      paymentReceived.apply(execution);
    }
  }

  /**
   * The check staff entered on a task's form (check number, date, amount, payer; checked before by
   * {@link CheckPaymentValidation}), recorded on the invoice by the user completing the task (R14).
   */
  public static CheckResult recordEntered(BillingService billing, DelegateExecution execution, Long invoiceId,
      SubmissionTiming timing) {
    return billing.recordCheck(invoiceId, text(execution, CHECK_NUMBER).strip(),
        LocalDate.parse(text(execution, CHECK_DATE).substring(0, 10)), new BigDecimal(text(execution, CHECK_AMOUNT)),
        text(execution, CHECK_PAYER).strip(), timing, recordedBy(execution));
  }

  /** Who recorded a check: the user completing the task, or "staff" when there is none (a test, a script). */
  private static String recordedBy(DelegateExecution execution) {
    String user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
        ? null : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    return user == null ? "staff" : user;
  }
}
