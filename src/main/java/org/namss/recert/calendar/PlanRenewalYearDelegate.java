package org.namss.recert.calendar;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R1a, R23: the year's opening date and notice dates, from the decision tables. */
@Component("planRenewalYearDelegate")
public class PlanRenewalYearDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public PlanRenewalYearDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    calendar.plan(execution);
  }
}
