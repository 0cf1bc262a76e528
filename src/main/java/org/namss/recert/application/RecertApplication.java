package org.namss.recert.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.SubmissionTiming;

/** One certificant's application for one renewal year (one process instance each). */
@Entity
@Table(name = "recert_application")
public class RecertApplication {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Long certificantId;

  @Column(nullable = false)
  private int renewalYear;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ApplicationKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private CertificationCategory certificationCategory;

  @Column(nullable = false)
  private boolean firstTimeDual;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ApplicationStatus status;

  @Enumerated(EnumType.STRING)
  private SubmissionTiming timing;

  @Column(nullable = false)
  private Instant submittedAt;

  private Instant decidedAt;

  private String decisionNote;

  private String processInstanceId;

  @Version
  private long version;

  protected RecertApplication() {}

  public RecertApplication(Long certificantId, int renewalYear, ApplicationKind kind,
      CertificationCategory category, boolean firstTimeDual, SubmissionTiming timing, Instant submittedAt) {
    this.certificantId = certificantId;
    this.renewalYear = renewalYear;
    this.kind = kind;
    this.certificationCategory = category;
    this.firstTimeDual = firstTimeDual;
    this.timing = timing;
    this.submittedAt = submittedAt;
    this.status = ApplicationStatus.SUBMITTED;
  }

  public void moveTo(ApplicationStatus newStatus) {
    this.status = newStatus;
  }

  public void decide(ApplicationStatus outcome, String note, Instant now) {
    this.status = outcome;
    this.decisionNote = note;
    this.decidedAt = now;
  }

  public void retime(SubmissionTiming newTiming) {
    this.timing = newTiming;
  }

  public void attachProcess(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public Long getId() {
    return id;
  }

  public Long getCertificantId() {
    return certificantId;
  }

  public int getRenewalYear() {
    return renewalYear;
  }

  public ApplicationKind getKind() {
    return kind;
  }

  public CertificationCategory getCertificationCategory() {
    return certificationCategory;
  }

  public boolean isFirstTimeDual() {
    return firstTimeDual;
  }

  public ApplicationStatus getStatus() {
    return status;
  }

  public SubmissionTiming getTiming() {
    return timing;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public String getDecisionNote() {
    return decisionNote;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }
}
