package org.namss.recert.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R8: an application that came by e-mail, handed to its renewal as of the day it arrived. */
@Component("emailedApplicationDelegate")
public class EmailedApplicationDelegate implements JavaDelegate {

  private final RenewalService renewals;

  public EmailedApplicationDelegate(RenewalService renewals) {
    this.renewals = renewals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    renewals.receiveByEmail(execution);
  }
}
