package org.namss.recert.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.config.NonRetryable;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.FeeLine;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.SubmissionTiming;

/**
 * R28: a recertification invoice always carries the recertification fee. Should feeSchedule ever answer without it
 * (a version deployed before the deploy check, or through a node on older code), placing the invoice fails with a
 * clear, non-retryable exception (an incident at that step) and no invoice is saved, instead of invoicing the late
 * fee alone.
 */
class RecertificationFeeGuardTest {

  final InvoiceRepository invoices = mock(InvoiceRepository.class);
  final RecertApplicationRepository applications = mock(RecertApplicationRepository.class);
  final DecisionRules rules = mock(DecisionRules.class);
  final RecertApplication application = mock(RecertApplication.class);
  final BillingService billing = new BillingService(invoices, mock(PaymentRepository.class), applications,
      mock(CertificantRepository.class), rules, mock(TimeSource.class), mock(EntityManager.class));

  @Test
  @DisplayName("R8, R28: a late CPMSM recertification whose fee table gives only LATE_FEE is not invoiced")
  void lateFeeAloneIsNotInvoiced() {
    when(applications.findById(7L)).thenReturn(Optional.of(application));
    when(application.getCertificationCategory()).thenReturn(CertificationCategory.CPMSM);
    when(invoices.findByApplicationIdOrderByIdAsc(7L)).thenReturn(List.of());
    when(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPMSM))
        .thenReturn(List.of(new FeeLine("LATE_FEE", new BigDecimal("50.00"))));

    Throwable refused = catchThrowable(() -> billing.place(7L, FeePurpose.RECERTIFICATION, SubmissionTiming.LATE));

    assertThat(refused).isInstanceOf(MissingRecertificationFeeException.class).isInstanceOf(NonRetryable.class)
        .hasMessageContaining("feeSchedule gives no RECERTIFICATION_FEE line for a recertification of CPMSM with "
            + "timing LATE")
        .hasMessageContaining("[LATE_FEE]").hasMessageContaining("no invoice was placed");
    verify(invoices, never()).save(any());
  }

  @Test
  @DisplayName("R28: an on-time recertification whose fee table gives no line at all is not invoiced either")
  void noLineIsNotInvoiced() {
    when(applications.findById(8L)).thenReturn(Optional.of(application));
    when(application.getCertificationCategory()).thenReturn(CertificationCategory.DUAL);
    when(invoices.findByApplicationIdOrderByIdAsc(8L)).thenReturn(List.of());
    when(rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.ON_TIME, CertificationCategory.DUAL))
        .thenReturn(List.of());

    assertThat(catchThrowable(() -> billing.place(8L, FeePurpose.RECERTIFICATION, SubmissionTiming.ON_TIME)))
        .isInstanceOf(MissingRecertificationFeeException.class)
        .hasMessageContaining("no RECERTIFICATION_FEE line for a recertification of DUAL with timing ON_TIME");
    verify(invoices, never()).save(any());
  }
}
