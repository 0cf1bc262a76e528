package org.namss.recert.calendar;

import static org.namss.recert.calendar.RenewalCalendarService.*;

import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * R23: courtesy notices to those of one batch who have not submitted. A failure never changes a renewal; notices the
 * SMTP server did not accept fail the job, which retries and then becomes an incident.
 */
@Component("sendRemindersDelegate")
public class SendRemindersDelegate implements JavaDelegate {

  private final RenewalCalendarService calendar;

  public SendRemindersDelegate(RenewalCalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable(RENEWAL_YEAR)).intValue();
    OffsetDateTime at = OffsetDateTime.parse(execution.getVariable(REMINDER_AT).toString());
    Object batch = execution.getVariable(NOTICE_BATCH);
    if (batch != null) {
      calendar.sendNotices(year, at, batch.toString());
    } else {
      // a calendar started on a version of the process without notice batches
      calendar.sendNotices(year, at);
    }
  }
}
