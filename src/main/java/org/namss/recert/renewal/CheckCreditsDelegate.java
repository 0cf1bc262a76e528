package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.ce.CeProgress;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.CertificantService;
import org.springframework.stereotype.Component;

/** R5, R6, R9, R10: are the credits inside the window enough, each with its certificate? */
@Component("checkCreditsDelegate")
public class CheckCreditsDelegate implements JavaDelegate {

  private final CeService ce;
  private final CertificantService certificants;
  private final RenewalService renewals;

  public CheckCreditsDelegate(CeService ce, CertificantService certificants, RenewalService renewals) {
    this.ce = ce;
    this.certificants = certificants;
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CeProgress progress = ce.progress(certificants.get(certificantId(execution)), renewalYear(execution));
    boolean complete = progress.met();
    execution.setVariable(CE_COMPLETE, complete);
    renewals.moveApplication(applicationId(execution),
        complete ? ApplicationStatus.AWAITING_PAYMENT : ApplicationStatus.WAITING_FOR_CE);
  }
}
