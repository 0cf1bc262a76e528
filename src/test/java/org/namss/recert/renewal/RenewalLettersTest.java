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

  @Test
  @DisplayName("R14: a check for more than the invoice: the e-mail names the amount received and the surplus")
  void overpayingCheckIsReportedAsReceived() {
    Certificant otto = fixtures.cpcs("Otto", "Overpay", YEAR);
    fixtures.enoughForSingle(otto, YEAR);
    String pid = openOn(otto, LocalDate.of(YEAR, 11, 20));
    renewals.submit(otto, YEAR);
    executeDueJobs(pid);
    Invoice invoice = onlyInvoice(otto);
    setClock(LocalDate.of(YEAR, 11, 26).atTime(9, 0));

    complete(pid, "UserTask_RecordCheckPayment", Map.of("checkNumber", "77", "checkDate", YEAR + "-11-25",
        "checkAmount", 250.0, "checkPayer", "Hospital"));
    assertThat(text(mailWithSubject(otto, "Payment received for invoice " + invoice.getInvoiceNumber())))
        .contains("We received your payment of $250.00 on")
        .contains("That is $75.00 more than the invoice total of $175.00: please contact certification staff")
        .contains("about a refund of the difference.");
  }

  @Test
  @DisplayName("R14: a check for the invoice's total: the e-mail names that amount and no surplus")
  void exactCheckIsReportedAsReceived() {
    Certificant ella = fixtures.cpcs("Ella", "Exact", YEAR);
    fixtures.enoughForSingle(ella, YEAR);
    String pid = openOn(ella, LocalDate.of(YEAR, 11, 20));
    renewals.submit(ella, YEAR);
    executeDueJobs(pid);
    Invoice invoice = onlyInvoice(ella);
    setClock(LocalDate.of(YEAR, 11, 26).atTime(9, 0));

    complete(pid, "UserTask_RecordCheckPayment", Map.of("checkNumber", "78", "checkDate", YEAR + "-11-25",
        "checkAmount", 175.0, "checkPayer", "Ella Exact"));
    assertThat(text(mailWithSubject(ella, "Payment received for invoice " + invoice.getInvoiceNumber())))
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
