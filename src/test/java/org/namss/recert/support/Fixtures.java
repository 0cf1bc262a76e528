package org.namss.recert.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.namss.recert.ce.Attendance;
import org.namss.recert.ce.CeActivity;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificantService.NewCertification;
import org.namss.recert.certificant.CertificationType;
import org.springframework.stereotype.Component;

/** Certificants and their CE, made through the product's own services (as the API would). */
@Component
public class Fixtures {

  public static final byte[] PDF = "%PDF-1.4\n% a certificate\n".getBytes(StandardCharsets.US_ASCII);

  private final CertificantService certificants;
  private final CeService ce;
  private int next = 100000;

  public Fixtures(CertificantService certificants, CeService ce) {
    this.certificants = certificants;
    this.ce = ce;
  }

  /** A CPCS certificant initially certified in {@code renewalYear - 3}, so due in {@code renewalYear} (R3). */
  public Certificant cpcs(String firstName, String lastName, int renewalYear) {
    return certificant(firstName, lastName, renewalYear, CertificationType.CPCS);
  }

  public Certificant certificant(String firstName, String lastName, int renewalYear, CertificationType... types) {
    String number = String.valueOf(next++) + Math.abs(System.nanoTime() % 1000);
    String email = (firstName + "." + lastName + "." + number + "@example.org").toLowerCase();
    List<NewCertification> held = java.util.Arrays.stream(types)
        .map(t -> new NewCertification(t, LocalDate.of(renewalYear - 3, 3, 15), renewalYear)).toList();
    return certificants.register(number, firstName, lastName, List.of(email), held);
  }

  /** Reports an activity with its certificate. */
  public CeActivity credits(Certificant certificant, LocalDate earnedOn, String credits, boolean approved) {
    return ce.add(certificant, new CeService.NewActivity("Course on " + earnedOn, "NAMSS", earnedOn,
        new BigDecimal(credits), approved, Attendance.IN_PERSON, "Boston", "MA"), "certificate.pdf", PDF);
  }

  /** Reports an activity without its certificate (it does not count until the certificate comes, R10). */
  public CeActivity creditsWithoutCertificate(Certificant certificant, LocalDate earnedOn, String credits) {
    return ce.add(certificant, new CeService.NewActivity("Course on " + earnedOn, "NAMSS", earnedOn,
        new BigDecimal(credits), true, Attendance.VIRTUAL, "Denver", "CO"), null, null);
  }

  /** 30 credits, 16 of them association-approved: enough for a single certification (R5). */
  public void enoughForSingle(Certificant certificant, int renewalYear) {
    credits(certificant, LocalDate.of(renewalYear - 1, 3, 1), "16", true);
    credits(certificant, LocalDate.of(renewalYear - 1, 6, 1), "14", false);
  }

  public void attachCertificate(Certificant certificant, Long activityId) {
    ce.attachCertificate(certificant, activityId, "late-certificate.pdf", PDF);
  }
}
