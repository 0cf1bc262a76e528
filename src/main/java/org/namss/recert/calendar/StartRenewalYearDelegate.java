package org.namss.recert.calendar;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Each 2 January: starts the year's renewal calendar (once per year, whatever happens to this job). */
@Component("startRenewalYearDelegate")
public class StartRenewalYearDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public StartRenewalYearDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    calendar.startYear(null);
  }
}
