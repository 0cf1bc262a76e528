package org.namss.recert.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Resolves the certificant and sets the renewal's timer dates from renewalCalendar. */
@Component("loadRenewalDelegate")
public class LoadRenewalDelegate implements JavaDelegate {

  private final RenewalService renewals;

  public LoadRenewalDelegate(RenewalService renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.prepare(execution);
  }
}
