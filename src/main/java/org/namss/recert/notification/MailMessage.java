package org.namss.recert.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One message to one recipient, kept whether it was sent or not (the outbox and the record of what was sent). */
@Entity
@Table(name = "mail_message")
public class MailMessage {

  static final int MAX_ERROR = 1000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String dedupKey;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MailTemplate template;

  @Column(nullable = false)
  private String recipient;

  @Column(nullable = false)
  private String subject;

  @Column(nullable = false)
  private String textBody;

  @Column(nullable = false)
  private String htmlBody;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MailStatus status;

  @Column(nullable = false)
  private Instant createdAt;

  private Instant sentAt;

  @Column(nullable = false)
  private int attempts;

  private String lastError;

  protected MailMessage() {}

  MailMessage(String dedupKey, MailTemplate template, String recipient, RenderedMail mail, MailStatus status,
      Instant now) {
    this.dedupKey = dedupKey;
    this.template = template;
    this.recipient = recipient;
    this.createdAt = now;
    this.status = status;
    content(mail);
  }

  void content(RenderedMail mail) {
    this.subject = mail.subject();
    this.textBody = mail.textBody();
    this.htmlBody = mail.htmlBody();
  }

  void sent(Instant now) {
    this.status = MailStatus.SENT;
    this.sentAt = now;
    this.attempts++;
    this.lastError = null;
  }

  void failed(String error) {
    this.status = MailStatus.FAILED;
    this.attempts++;
    this.lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  void toOutbox() {
    this.status = MailStatus.OUTBOX;
  }

  public Long getId() {
    return id;
  }

  public String getDedupKey() {
    return dedupKey;
  }

  public MailTemplate getTemplate() {
    return template;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getSubject() {
    return subject;
  }

  public String getTextBody() {
    return textBody;
  }

  public String getHtmlBody() {
    return htmlBody;
  }

  public MailStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public int getAttempts() {
    return attempts;
  }

  public String getLastError() {
    return lastError;
  }
}
