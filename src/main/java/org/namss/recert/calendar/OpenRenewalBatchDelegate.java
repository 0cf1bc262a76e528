package org.namss.recert.calendar;

import static org.namss.recert.calendar.RenewalCalendarService.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens one batch of renewals (idempotent: a renewal already open is skipped). */
@Component("openRenewalBatchDelegate")
public class OpenRenewalBatchDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public OpenRenewalBatchDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable(RENEWAL_YEAR)).intValue();
    calendar.openBatch(year, execution.getVariable(OPENING_BATCH).toString());
  }
}
