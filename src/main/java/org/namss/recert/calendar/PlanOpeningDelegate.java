package org.namss.recert.calendar;

import static org.namss.recert.calendar.RenewalCalendarService.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R3: who is due this year, split into batches that each open in a transaction of their own. */
@Component("planOpeningDelegate")
public class PlanOpeningDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public PlanOpeningDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable(RENEWAL_YEAR)).intValue();
    execution.setVariable(OPENING_BATCHES, calendar.batches(year));
  }
}
