package org.namss.recert.ce;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The certificate file of one activity (R10): a PDF or an image, never a tracking spreadsheet (R22). */
@Entity
@Table(name = "ce_certificate")
public class CeCertificate {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "ce_activity_id", nullable = false, unique = true)
  private Long activityId;

  @Column(nullable = false)
  private String fileName;

  @Column(nullable = false)
  private String contentType;

  @Column(nullable = false)
  private long sizeBytes;

  @Column(nullable = false)
  private String sha256;

  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false)
  private byte[] content;

  @Column(nullable = false)
  private Instant uploadedAt;

  protected CeCertificate() {}

  public CeCertificate(Long activityId, String fileName, String contentType, byte[] content, String sha256,
      Instant uploadedAt) {
    this.activityId = activityId;
    this.fileName = fileName;
    this.contentType = contentType;
    this.content = content;
    this.sizeBytes = content.length;
    this.sha256 = sha256;
    this.uploadedAt = uploadedAt;
  }

  public Long getId() {
    return id;
  }

  public Long getActivityId() {
    return activityId;
  }

  public String getFileName() {
    return fileName;
  }

  public String getContentType() {
    return contentType;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  public byte[] getContent() {
    return content;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }
}
