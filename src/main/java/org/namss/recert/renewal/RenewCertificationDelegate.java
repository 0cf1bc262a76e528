package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R17: approved: renewed for the next cycle (renewal year + certificationCycle), good standing at once. */
@Component("renewCertificationDelegate")
public class RenewCertificationDelegate implements JavaDelegate {

  private final RenewalService renewals;

  public RenewCertificationDelegate(RenewalService renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.renew(certificantId(execution), renewalYear(execution), applicationId(execution));
  }
}
