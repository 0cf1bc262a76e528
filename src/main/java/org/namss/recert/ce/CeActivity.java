package org.namss.recert.ce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A continuing-education activity a certificant reports, with its certificate (R10, R11, R13). */
@Entity
@Table(name = "ce_activity")
public class CeActivity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Long certificantId;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String provider;

  @Column(nullable = false)
  private LocalDate earnedOn;

  @Column(nullable = false, precision = 6, scale = 2)
  private BigDecimal credits;

  @Column(nullable = false)
  private boolean associationApproved;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Attendance attendance;

  @Column(nullable = false)
  private String city;

  @Column(nullable = false)
  private String state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Verification verification;

  @Column(nullable = false)
  private Instant createdAt;

  protected CeActivity() {}

  public CeActivity(Long certificantId, String title, String provider, LocalDate earnedOn, BigDecimal credits,
      boolean associationApproved, Attendance attendance, String city, String state, Instant createdAt) {
    this.certificantId = certificantId;
    this.title = title;
    this.provider = provider;
    this.earnedOn = earnedOn;
    this.credits = credits;
    this.associationApproved = associationApproved;
    this.attendance = attendance;
    this.city = city;
    this.state = state;
    this.verification = Verification.UNVERIFIED;
    this.createdAt = createdAt;
  }

  public void verify(Verification verdict) {
    this.verification = verdict;
  }

  /** Staff confirm or correct the "association-approved" flag from the certificate's logo (R11). */
  void confirmApproval(boolean associationApproved) {
    this.associationApproved = associationApproved;
  }

  public Long getId() {
    return id;
  }

  public Long getCertificantId() {
    return certificantId;
  }

  public String getTitle() {
    return title;
  }

  public String getProvider() {
    return provider;
  }

  public LocalDate getEarnedOn() {
    return earnedOn;
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public boolean isAssociationApproved() {
    return associationApproved;
  }

  public Attendance getAttendance() {
    return attendance;
  }

  public String getCity() {
    return city;
  }

  public String getState() {
    return state;
  }

  public Verification getVerification() {
    return verification;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
