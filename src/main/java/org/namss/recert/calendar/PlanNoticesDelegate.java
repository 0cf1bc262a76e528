package org.namss.recert.calendar;

import static org.namss.recert.calendar.RenewalCalendarService.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * R23: on a notice date, those who have not submitted, split into batches that are each sent by a job of their own.
 * The batches are local to this date's pass through the Courtesy notice subprocess.
 */
@Component("planNoticesDelegate")
public class PlanNoticesDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public PlanNoticesDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable(RENEWAL_YEAR)).intValue();
    execution.setVariableLocal(NOTICE_BATCHES, calendar.noticeBatches(year));
  }
}
