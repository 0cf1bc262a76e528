package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.billing.Invoice;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService.NewCertification;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.certificant.CertificationType;

/** What the renewal's letters tell the certificant: the amount really received, the certification really lapsed. */
class RenewalLettersTest extends TimeTravelTest {

  static final int YEAR = 2026;

  private String openOn(Certificant certificant, LocalDate day) {
    setClock(day.atTime(6, 0));
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    return pid;
  }

  /**
   * Submitted on 20 Nov with enough CE, the invoice paid on 26 Nov by a check of {@code amount}: the text of the
   * "Payment received" e-mail.
   */
  private String paymentMailAfterCheck(String first, String last, double amount) {
    Certificant certificant = fixtures.cpcs(first, last, YEAR);
    fixtures.enoughForSingle(certificant, YEAR);
    String pid = openOn(certificant, LocalDate.of(YEAR, 11, 20));
    renewals.submit(certificant, YEAR);
    executeDueJobs(pid);
    Invoice invoice = onlyInvoice(certificant);
    setClock(LocalDate.of(YEAR, 11, 26).atTime(9, 0));

    complete(pid, "UserTask_RecordCheckPayment", Map.of("checkNumber", "7" + certificant.getId(),
        "checkDate", YEAR + "-11-25", "checkAmount", amount, "checkPayer", certificant.fullName()));
    return text(mailWithSubject(certificant, "Payment received for invoice " + invoice.getInvoiceNumber()));
  }

  @Test
  @DisplayName("R14: a check for more than the invoice: the e-mail names the amount received and the surplus")
  void overpayingCheckIsReportedAsReceived() {
    assertThat(paymentMailAfterCheck("Otto", "Overpay", 250.0))
        .contains("We received your payment of $250.00 on")
        .contains("That is $75.00 more than the invoice total of $175.00: please contact certification staff")
        .contains("about a refund of the difference.");
  }

  @Test
  @DisplayName("R14: a check for the invoice's total: the e-mail names that amount and no surplus")
  void exactCheckIsReportedAsReceived() {
    assertThat(paymentMailAfterCheck("Ella", "Exact", 175.0))
        .contains("We received your payment of $175.00 on").doesNotContain("more than the invoice");
  }

  @Test
  @DisplayName("R3, R25: a CPCS due this year lapses; the CPMSM first earned this year (due in three years) stays "
      + "ACTIVE, and the letters name the CPCS only")
  void lapseLetterNamesOnlyTheLapsedCertification() {
    setClock(LocalDate.of(YEAR, 7, 1).atTime(9, 0));
    String number = "LL" + System.nanoTime() % 100_000_000;
    Certificant dana = certificants.register(number, "Dana", "Dual", List.of(number + "@example.org"), List.of(
        new NewCertification(CertificationType.CPCS, LocalDate.of(YEAR - 3, 3, 15), YEAR),
        new NewCertification(CertificationType.CPMSM, LocalDate.of(YEAR, 3, 1), YEAR + 3)));
    String pid = openOn(dana, LocalDate.of(YEAR, 8, 1));

    travelTo(pid, midnight(LocalDate.of(YEAR + 1, 1, 1)).plusMinutes(1));
    assertThat(certificants.get(dana.getId()).certification(CertificationType.CPCS).orElseThrow().getStatus())
        .isEqualTo(CertificationStatus.LAPSED);
    assertThat(certificants.get(dana.getId()).certification(CertificationType.CPMSM).orElseThrow().getStatus())
        .isEqualTo(CertificationStatus.ACTIVE);
    assertThat(subjectsTo(dana.primaryEmail())).contains("Your CPCS certification has lapsed")
        .noneMatch(subject -> subject.contains("CPMSM"));
  }
}
