package org.namss.recert.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity
@Table(name = "invoice_line")
public class InvoiceLine {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "invoice_id")
  private Invoice invoice;

  @Column(nullable = false)
  private int lineNo;

  @Column(nullable = false)
  private String feeCode;

  @Column(nullable = false)
  private String description;

  @Column(nullable = false, precision = 10, scale = 2)
  private BigDecimal amount;

  protected InvoiceLine() {}

  InvoiceLine(Invoice invoice, int lineNo, String feeCode, String description, BigDecimal amount) {
    this.invoice = invoice;
    this.lineNo = lineNo;
    this.feeCode = feeCode;
    this.description = description;
    this.amount = amount.setScale(2);
  }

  public static InvoiceLine of(String feeCode, String description, BigDecimal amount) {
    return new InvoiceLine(null, 0, feeCode, description, amount);
  }

  public int getLineNo() {
    return lineNo;
  }

  public String getFeeCode() {
    return feeCode;
  }

  public String getDescription() {
    return description;
  }

  public BigDecimal getAmount() {
    return amount;
  }
}
