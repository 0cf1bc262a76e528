package org.namss.recert.calendar;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R23: the send task sends the notices of its batch; on a calendar started on the process version before notice
 * batches (its send task has no batch variable) it sends the whole date's notices, as that version did.
 */
class SendRemindersDelegateTest {

  static final String AT = "2031-10-02T09:00-04:00";

  final RenewalCalendarService calendar = mock(RenewalCalendarService.class);
  final DelegateExecution execution = mock(DelegateExecution.class);

  SendRemindersDelegateTest() {
    when(execution.getVariable(RenewalCalendarService.RENEWAL_YEAR)).thenReturn(2031);
    when(execution.getVariable(RenewalCalendarService.REMINDER_AT)).thenReturn(AT);
  }

  @Test
  @DisplayName("R23: a batch's job sends the notices of that batch only")
  void sendsItsBatch() {
    when(execution.getVariable(RenewalCalendarService.NOTICE_BATCH)).thenReturn("11:60");
    new SendRemindersDelegate(calendar).execute(execution);
    verify(calendar).sendNotices(2031, OffsetDateTime.parse(AT), "11:60");
    verifyNoMoreInteractions(calendar);
  }

  @Test
  @DisplayName("R23: a calendar of the version before batches sends the date's notices in its one job")
  void calendarOfThePreviousVersionSendsAll() {
    new SendRemindersDelegate(calendar).execute(execution);
    verify(calendar).sendNotices(2031, OffsetDateTime.parse(AT));
    verifyNoMoreInteractions(calendar);
  }

  @Test
  @DisplayName("R8, R23: a batch's notices are of the kind planned for the date, not the table's kind at send time")
  void sendsThePlannedKind() {
    when(execution.getVariable(RenewalCalendarService.NOTICE_BATCH)).thenReturn("11:60");
    when(execution.getVariable(RenewalCalendarService.REMINDER_KINDS)).thenReturn(Map.of(
        "2031-10-02T09:00-04:00", "LATE_FEE_NOTICE", "2031-11-01T09:00-04:00", "COURTESY_REMINDER"));
    new SendRemindersDelegate(calendar).execute(execution);
    verify(calendar).sendNotices(2031, OffsetDateTime.parse(AT), "LATE_FEE_NOTICE", "11:60");
    verifyNoMoreInteractions(calendar);
  }

  @Test
  @DisplayName("R23: a date with no planned kind sends nothing under a guessed kind: the job fails with why")
  void noPlannedKindSendsNothing() {
    when(execution.getVariable(RenewalCalendarService.NOTICE_BATCH)).thenReturn("11:60");
    when(execution.getVariable(RenewalCalendarService.REMINDER_KINDS)).thenReturn(Map.of(
        "2031-11-01T09:00-04:00", "COURTESY_REMINDER"));
    assertThatThrownBy(() -> new SendRemindersDelegate(calendar).execute(execution))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No notice was planned at " + AT);
    verifyNoMoreInteractions(calendar);
  }
}
