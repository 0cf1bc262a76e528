package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R27: expired for good. */
@Component("expireCertificationDelegate")
public class ExpireCertificationDelegate implements JavaDelegate {

  private final RenewalService renewals;

  public ExpireCertificationDelegate(RenewalService renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.requireOwnCase(execution, "The expiry");
    renewals.expire(certificantId(execution), renewalYear(execution));
    renewals.closeUnfinished(applicationId(execution), invoiceId(execution), "The reinstatement was not complete "
        + "(CE and payment) by its deadline: the certification expired (R27).");
  }
}
