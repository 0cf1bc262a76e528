package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R16: the reviewer rejected the application, with the reason the certificant reads. */
@Component("rejectApplicationDelegate")
public class RejectApplicationDelegate implements JavaDelegate {

  private final RenewalService renewals;

  public RejectApplicationDelegate(RenewalService renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.reject(applicationId(execution), text(execution, REVIEW_MESSAGE));
  }
}
