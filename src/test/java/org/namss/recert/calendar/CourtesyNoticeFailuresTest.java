package org.namss.recert.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.config.TimeSource;
import org.namss.recert.notification.MailDeliveryException;
import org.namss.recert.notification.MailTemplate;
import org.namss.recert.notification.Notifier;
import org.namss.recert.renewal.RenewalCaseRepository;
import org.namss.recert.renewal.RenewalNotifications;
import org.namss.recert.renewal.RenewalPhase;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.Reminder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * R23: what one batch's job does when some of its notices fail, by kind of failure (the mail server's own
 * behaviour is in RenewalCalendarProcessTest and NotifierRecipientRefusedTest): every notice is tried; a server that
 * is down fails the job (retry, then an incident); a recipient refused for good or an unusable address does not.
 * And what a batch sends after reminderSchedule changed since the calendar was planned (R8): the kind planned, or
 * (a calendar planned before the kinds were kept) nothing, with why, rather than a guessed kind.
 */
class CourtesyNoticeFailuresTest {

  static final int YEAR = 2031;
  static final OffsetDateTime AT = OffsetDateTime.parse("2031-10-02T09:00-04:00");

  final Notifier notifier = mock(Notifier.class);
  final CertificantRepository certificants = mock(CertificantRepository.class);
  final RenewalCaseRepository cases = mock(RenewalCaseRepository.class);
  final RenewalNotifications notifications = mock(RenewalNotifications.class);
  final DecisionRules rules = mock(DecisionRules.class);
  final TimeSource time = mock(TimeSource.class);
  final CertificantService certificantService = mock(CertificantService.class);
  RenewalCalendarService calendar;

  @BeforeEach
  void setUp() {
    when(time.zone()).thenReturn(ZoneId.of("America/New_York"));
    when(rules.reminders(YEAR)).thenReturn(List.of(new Reminder(LocalDate.of(YEAR, 10, 2), "COURTESY_REMINDER")));
    when(cases.findCertificantIdsBetween(eq(YEAR), eq(RenewalPhase.OPEN), anyLong(), anyLong()))
        .thenReturn(List.of(1L, 2L, 3L, 4L));
    for (long id = 1; id <= 4; id++) {
      Certificant certificant = new Certificant("N" + id, "First" + id, "Last", java.time.Instant.EPOCH);
      certificant.addEmail("c" + id + "@example.org");
      when(certificantService.get(id)).thenReturn(certificant);
    }
    when(notifications.facts(any(), anyInt())).thenReturn(Map.of());
    calendar = new RenewalCalendarService(rules, time, certificants, cases, null, notifications, notifier, 50, null,
        null, mock(PlatformTransactionManager.class), mock(EntityManager.class), certificantService);
  }

  /** Every notice of the batch was handed to the notifier, whatever happened to the others. */
  private void verifyAllFourTried() {
    verify(notifier, times(4)).send(eq(MailTemplate.COURTESY_REMINDER), anyString(), anyString(), any(),
        anyString());
  }

  private void failFor(String address, RuntimeException failure) {
    when(notifier.send(eq(MailTemplate.COURTESY_REMINDER), eq(address), anyString(), any(), anyString()))
        .thenThrow(failure);
  }

  @Test
  @DisplayName("R23: a recipient refused for good (5xx) and an unusable address: the others are sent, the job ends")
  void refusedRecipientsDoNotFailTheJob() {
    failFor("c2@example.org", new MailDeliveryException("550 user unknown", true));
    failFor("c3@example.org", new IllegalArgumentException("The recipient is not a valid e-mail address"));

    assertThat(calendar.sendNotices(YEAR, AT, "1:4")).isEqualTo(2);
    verifyAllFourTried();
  }

  @Test
  @DisplayName("R23: a server that is down for some: all are tried, then the job fails with the count (retries)")
  void serverDownFailsTheJobAfterTryingAll() {
    failFor("c1@example.org", new MailDeliveryException("Connection refused"));
    failFor("c4@example.org", new MailDeliveryException("421 try later"));

    assertThatThrownBy(() -> calendar.sendNotices(YEAR, AT, "1:4")).isInstanceOf(MailDeliveryException.class)
        .hasMessageContaining("did not accept 2 of 4 COURTESY_REMINDER notices (certificants [1, 4]); 2 of 4");
    verifyAllFourTried();
  }

  @Test
  @DisplayName("a failure of the product's own (not the mail server's): the others are tried, then the job fails")
  void ownFailureFailsTheJobAfterTryingAll() {
    failFor("c2@example.org", new IllegalStateException("a decision table did not answer"));
    failFor("c3@example.org", new MailDeliveryException("Connection refused"));

    assertThatThrownBy(() -> calendar.sendNotices(YEAR, AT, "1:4")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 COURTESY_REMINDER notices failed (certificants [2], see the log), 1 not accepted");
    verifyAllFourTried();
  }

  @Test
  @DisplayName("R8, R23: the kind planned for the date is sent, though reminderSchedule has no notice that day now")
  void plannedKindIsSentWhateverTheTableSaysNow() {
    OffsetDateTime secondOfDecember = OffsetDateTime.parse("2031-12-02T09:00-05:00");

    assertThat(calendar.sendNotices(YEAR, secondOfDecember, "LATE_FEE_NOTICE", "1:4")).isEqualTo(4);
    verify(notifier, times(4)).send(eq(MailTemplate.LATE_FEE_NOTICE), anyString(), anyString(), any(),
        org.mockito.ArgumentMatchers.startsWith("notice:2031:2031-12-02:LATE_FEE_NOTICE:"));
    verify(notifier, never()).send(eq(MailTemplate.COURTESY_REMINDER), anyString(), anyString(), any(), anyString());
  }

  @Test
  @DisplayName("R8, R23: a calendar planned before kinds were kept, its date no longer in reminderSchedule: the job "
      + "fails with why, nothing is sent (no courtesy reminder after the 1 Dec deadline)")
  void unplannedKindNotInTheTableSendsNothing() {
    OffsetDateTime secondOfDecember = OffsetDateTime.parse("2031-12-02T09:00-05:00");

    assertThatThrownBy(() -> calendar.sendNotices(YEAR, secondOfDecember, "1:4"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reminderSchedule now has no notice on 2031-12-02")
        .hasMessageContaining("Nothing was sent");
    assertThatThrownBy(() -> calendar.sendNotices(YEAR, secondOfDecember))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no notice on 2031-12-02");
    verify(notifier, never()).send(any(), anyString(), anyString(), any(), anyString());
  }
}
