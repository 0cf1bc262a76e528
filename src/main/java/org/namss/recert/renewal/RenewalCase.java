package org.namss.recert.renewal;

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

/** One certificant's renewal of one year: unique per certificant and year, tied to one process instance. */
@Entity
@Table(name = "renewal_case")
public class RenewalCase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Long certificantId;

  @Column(nullable = false)
  private int renewalYear;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RenewalPhase phase;

  private String processInstanceId;

  @Column(nullable = false)
  private Instant openedAt;

  private Instant submittedAt;

  @Version
  private long version;

  protected RenewalCase() {}

  public RenewalCase(Long certificantId, int renewalYear, Instant openedAt) {
    this.certificantId = certificantId;
    this.renewalYear = renewalYear;
    this.openedAt = openedAt;
    this.phase = RenewalPhase.OPEN;
  }

  public void attach(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public void submitted(Instant at) {
    this.submittedAt = at;
    if (phase != RenewalPhase.LAPSED) {
      this.phase = RenewalPhase.SUBMITTED;
    }
  }

  public void moveTo(RenewalPhase newPhase) {
    this.phase = newPhase;
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

  public RenewalPhase getPhase() {
    return phase;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public Instant getOpenedAt() {
    return openedAt;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }
}
