package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.BillingService;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.config.TimeSource;
import org.namss.recert.notification.Notifier;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.FeeLine;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.RenewalCalendar;
import org.namss.recert.rules.SubmissionTiming;

/** The fee a renewal's e-mails state comes from feeSchedule (R8, R28), never from a default. */
class RenewalNotificationsTest {

  static final int YEAR = 2031;

  final DecisionRules rules = mock(DecisionRules.class);
  final RenewalNotifications notifications = new RenewalNotifications(mock(Notifier.class),
      mock(CertificantService.class), mock(BillingService.class), mock(CeService.class), rules,
      mock(TimeSource.class));
  final Certificant certificant = new Certificant("N-1", "Ana", "Diaz", Instant.EPOCH);

  @BeforeEach
  void setUp() {
    certificant.addCertification(CertificationType.CPCS, LocalDate.of(2019, 5, 1), YEAR, Instant.EPOCH);
    when(rules.renewalCalendar(anyInt())).thenAnswer(call -> {
      int year = call.getArgument(0);
      return new RenewalCalendar(LocalDate.of(year, 8, 1), LocalDate.of(year, 12, 1), LocalDate.of(year, 12, 31),
          LocalDate.of(year + 1, 1, 1), LocalDate.of(year + 1, 6, 1), LocalDate.of(year + 1, 6, 30));
    });
    when(rules.cycleYears("CPCS")).thenReturn(3);
  }

  @Test
  void statesTheLateFeeOfTheFeeSchedule() {
    when(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS)).thenReturn(List.of(
        new FeeLine("RECERTIFICATION_FEE", new BigDecimal("175.00")), new FeeLine("LATE_FEE", new BigDecimal("65.00"))));

    assertThat(notifications.facts(certificant, YEAR)).containsEntry("lateFee", new BigDecimal("65.00"))
        .containsEntry("nextRenewalYear", YEAR + 3);
  }

  @Test
  void aFeeScheduleWithoutTheLateFeeLineFailsTheSendInsteadOfMailingAFeeOfZero() {
    when(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS))
        .thenReturn(List.of(new FeeLine("RECERTIFICATION_FEE", new BigDecimal("175.00"))));

    assertThatThrownBy(() -> notifications.facts(certificant, YEAR))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("feeSchedule has no LATE_FEE line for a LATE recertification of CPCS");
  }
}
