package org.namss.recert.billing;

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

/** A payment against an invoice: by card, or by check with number, date, amount and payer (R14, R15). */
@Entity
@Table(name = "payment")
public class Payment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Long invoiceId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private PaymentMethod method;

  @Column(nullable = false, precision = 10, scale = 2)
  private BigDecimal amount;

  private String checkNumber;
  private LocalDate checkDate;
  private String payer;
  private String cardReference;

  @Column(nullable = false)
  private LocalDate receivedOn;

  @Column(nullable = false)
  private String recordedBy;

  @Column(nullable = false)
  private Instant recordedAt;

  protected Payment() {}

  private Payment(Long invoiceId, PaymentMethod method, BigDecimal amount, LocalDate receivedOn,
      String recordedBy, Instant recordedAt) {
    this.invoiceId = invoiceId;
    this.method = method;
    this.amount = amount.setScale(2);
    this.receivedOn = receivedOn;
    this.recordedBy = recordedBy;
    this.recordedAt = recordedAt;
  }

  public static Payment byCheck(Long invoiceId, BigDecimal amount, String checkNumber, LocalDate checkDate,
      String payer, LocalDate receivedOn, String recordedBy, Instant now) {
    Payment payment = new Payment(invoiceId, PaymentMethod.CHECK, amount, receivedOn, recordedBy, now);
    payment.checkNumber = checkNumber;
    payment.checkDate = checkDate;
    payment.payer = payer;
    return payment;
  }

  public static Payment byCard(Long invoiceId, BigDecimal amount, String cardReference, LocalDate receivedOn,
      String recordedBy, Instant now) {
    Payment payment = new Payment(invoiceId, PaymentMethod.CARD, amount, receivedOn, recordedBy, now);
    payment.cardReference = cardReference;
    return payment;
  }

  public Long getId() {
    return id;
  }

  public Long getInvoiceId() {
    return invoiceId;
  }

  public PaymentMethod getMethod() {
    return method;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public String getCheckNumber() {
    return checkNumber;
  }

  public LocalDate getCheckDate() {
    return checkDate;
  }

  public String getPayer() {
    return payer;
  }

  public String getCardReference() {
    return cardReference;
  }

  public LocalDate getReceivedOn() {
    return receivedOn;
  }

  public String getRecordedBy() {
    return recordedBy;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }
}
