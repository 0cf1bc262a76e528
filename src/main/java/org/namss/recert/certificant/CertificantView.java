package org.namss.recert.certificant;

import java.time.LocalDate;
import java.util.List;

/** A certificant as the API shows them. */
public record CertificantView(String number, String firstName, String lastName, List<String> emails,
    List<CertificationView> certifications) {

  /** One certification with its renewal year and the dates that matter for it (R1a, R3, R8). */
  public record CertificationView(CertificationType type, LocalDate initialCertificationDate, int renewalYear,
      CertificationStatus status, boolean goodStanding, LocalDate applicationOpens, LocalDate onTimeDeadline,
      LocalDate lateDeadline) {}
}
