package org.namss.recert.certificant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One of a certificant's accounts (R2), stored lower-case and unique across all certificants. */
@Entity
@Table(name = "certificant_email")
public class CertificantEmail {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "certificant_id")
  private Certificant certificant;

  @Column(nullable = false, unique = true)
  private String email;

  @Column(name = "primary_address", nullable = false)
  private boolean primary;

  protected CertificantEmail() {}

  CertificantEmail(Certificant certificant, String email, boolean primary) {
    this.certificant = certificant;
    this.email = email;
    this.primary = primary;
  }

  public String getEmail() {
    return email;
  }

  public boolean isPrimary() {
    return primary;
  }

  public Certificant getCertificant() {
    return certificant;
  }
}
