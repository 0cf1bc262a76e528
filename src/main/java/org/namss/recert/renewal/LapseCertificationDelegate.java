package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R25, R26: lapsed; from now on the renewal is a reinstatement until the reinstatement deadline. */
@Component("lapseCertificationDelegate")
public class LapseCertificationDelegate implements JavaDelegate {

  private final RenewalService renewals;
  private final RenewalDates dates;

  public LapseCertificationDelegate(RenewalService renewals, RenewalDates dates) {
    this.renewals = renewals;
    this.dates = dates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.requireOwnCase(execution, "The lapse");
    renewals.lapse(certificantId(execution), renewalYear(execution));
    renewals.closeUnfinished(applicationId(execution), invoiceId(execution), "Not complete (CE and payment) by its "
        + "deadline: the certification lapsed (R25).");
    execution.setVariable(REINSTATING, true);
    execution.setVariable(EXTENSION_GRANTED, false);
    if (execution.hasVariable(COMPLETION_DEADLINE)) { // a renewal of a model version whose timers read the variable
      execution.setVariable(COMPLETION_DEADLINE, dates.expiryAt(renewalYear(execution)));
    }
    execution.setVariable(SUBMITTED_ON, null);
    execution.setVariable(APPLICATION_ID, null);
    execution.setVariable(INVOICE_ID, null);
  }
}
