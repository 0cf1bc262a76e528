package org.namss.recert.calendar;

import static org.namss.recert.calendar.RenewalCalendarService.*;

import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * R23: courtesy notices to those of one batch who have not submitted, of the kind planned for the date. A failure
 * never changes a renewal; notices the SMTP server did not accept fail the job, which retries and then becomes an
 * incident.
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
    String reminderAt = execution.getVariable(REMINDER_AT).toString();
    OffsetDateTime at = OffsetDateTime.parse(reminderAt);
    Object batch = execution.getVariable(NOTICE_BATCH);
    Object kinds = execution.getVariable(REMINDER_KINDS);
    if (kinds != null) {
      calendar.sendNotices(year, at, plannedKind((Map<?, ?>) kinds, reminderAt),
          batch == null ? null : batch.toString());
    } else if (batch != null) {
      // a calendar planned before the notices kept their kind
      calendar.sendNotices(year, at, batch.toString());
    } else {
      // a calendar started on a version of the process without notice batches
      calendar.sendNotices(year, at);
    }
  }
}
