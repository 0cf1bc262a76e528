package org.namss.recert.certificant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** One certification held: CPCS or CPMSM, renewed every three years (R3). */
@Entity
@Table(name = "certification")
public class Certification {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "certificant_id")
  private Certificant certificant;

  @Enumerated(EnumType.STRING)
  @Column(name = "certification_type", nullable = false)
  private CertificationType type;

  @Column(nullable = false)
  private LocalDate initialCertificationDate;

  @Column(nullable = false)
  private int renewalYear;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private CertificationStatus status;

  @Column(nullable = false)
  private Instant statusChangedAt;

  @Version
  private long version;

  protected Certification() {}

  Certification(Certificant certificant, CertificationType type, LocalDate initialCertificationDate,
      int renewalYear, Instant now) {
    this.certificant = certificant;
    this.type = type;
    this.initialCertificationDate = initialCertificationDate;
    this.renewalYear = renewalYear;
    this.status = CertificationStatus.ACTIVE;
    this.statusChangedAt = now;
  }

  /**
   * R3: initially certified in Y, the renewal years are Y + cycle, Y + 2 x cycle, ...; the first one not before
   * {@code currentYear}.
   *
   * @param cycleYears the years of one cycle (certificationCycle)
   */
  public static int firstRenewalYearFrom(LocalDate initialCertificationDate, int currentYear, int cycleYears) {
    int year = initialCertificationDate.getYear() + cycleYears;
    while (year < currentYear) {
      year += cycleYears;
    }
    return year;
  }

  /** Renewed for the next cycle of {@code cycleYears} (R3, certificationCycle; R17: standing follows at once). */
  public void renew(Instant now, int cycleYears) {
    renewalYear += cycleYears;
    changeStatus(CertificationStatus.ACTIVE, now);
  }

  /**
   * R27: the person passed the exam again as a new candidate after this certification expired: it starts afresh, with
   * the new initial certification date and the renewal year that follows from it.
   */
  void restart(LocalDate newInitialDate, int newRenewalYear, Instant now) {
    if (status != CertificationStatus.EXPIRED) {
      throw new IllegalStateException(type + " is " + status + ", not expired");
    }
    this.initialCertificationDate = newInitialDate;
    this.renewalYear = newRenewalYear;
    changeStatus(CertificationStatus.ACTIVE, now);
  }

  public void changeStatus(CertificationStatus newStatus, Instant now) {
    this.status = newStatus;
    this.statusChangedAt = now;
  }

  public Long getId() {
    return id;
  }

  public Certificant getCertificant() {
    return certificant;
  }

  public CertificationType getType() {
    return type;
  }

  public LocalDate getInitialCertificationDate() {
    return initialCertificationDate;
  }

  public int getRenewalYear() {
    return renewalYear;
  }

  public CertificationStatus getStatus() {
    return status;
  }

  public Instant getStatusChangedAt() {
    return statusChangedAt;
  }
}
