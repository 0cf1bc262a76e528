package org.namss.recert.badge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The badge of one renewed certification and renewal year (R19): issued through Credly, or pending, or revoked. */
@Entity
@Table(name = "badge_issuance")
public class BadgeIssuance {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Long certificantId;

  @Column(nullable = false)
  private String certificationType;

  @Column(nullable = false)
  private int renewalYear;

  private String templateId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private BadgeStatus status;

  private String credlyBadgeId;

  @Column(nullable = false)
  private String recipientEmail;

  @Column(nullable = false)
  private Instant issuedAt;

  private Instant expiresAt;

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  protected BadgeIssuance() {}

  BadgeIssuance(Long certificantId, String certificationType, int renewalYear, String recipientEmail,
      Instant issuedAt, Instant expiresAt, Instant now) {
    this.certificantId = certificantId;
    this.certificationType = certificationType;
    this.renewalYear = renewalYear;
    this.recipientEmail = recipientEmail;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.status = BadgeStatus.PENDING_CONFIGURATION;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** The request's details, as last asked (a pending issuance is issued with the latest ones). */
  void details(String recipientEmail, Instant issuedAt, Instant expiresAt, Instant now) {
    this.recipientEmail = recipientEmail;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.updatedAt = now;
  }

  void issued(BadgeStatus status, String templateId, String credlyBadgeId, Instant now) {
    this.status = status;
    this.templateId = templateId;
    this.credlyBadgeId = credlyBadgeId;
    this.updatedAt = now;
  }

  void revoked(String credlyBadgeId, Instant now) {
    this.status = BadgeStatus.REVOKED;
    if (credlyBadgeId != null) {
      this.credlyBadgeId = credlyBadgeId;
    }
    this.updatedAt = now;
  }

  /** Still valid at {@code now}: no expiry, or an expiry after it. */
  boolean validAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  public Long getId() {
    return id;
  }

  public Long getCertificantId() {
    return certificantId;
  }

  public String getCertificationType() {
    return certificationType;
  }

  public int getRenewalYear() {
    return renewalYear;
  }

  public String getTemplateId() {
    return templateId;
  }

  public BadgeStatus getStatus() {
    return status;
  }

  public String getCredlyBadgeId() {
    return credlyBadgeId;
  }

  public String getRecipientEmail() {
    return recipientEmail;
  }

  public Instant getIssuedAt() {
    return issuedAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
