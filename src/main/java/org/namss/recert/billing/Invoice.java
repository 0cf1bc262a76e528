package org.namss.recert.billing;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.namss.recert.rules.FeePurpose;

/** An invoice placed in the certificant's account, itemized from the fee table (R28). */
@Entity
@Table(name = "invoice")
@NamedEntityGraph(name = Invoice.WITH_LINES, attributeNodes = @NamedAttributeNode("lines"))
public class Invoice {

  /** The entity graph that loads an invoice with its lines in one statement (config/EntityLoads). */
  public static final String WITH_LINES = "Invoice.withLines";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String invoiceNumber;

  @Column(nullable = false)
  private Long certificantId;

  private Long applicationId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private FeePurpose purpose;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private InvoiceStatus status;

  @Column(nullable = false, precision = 10, scale = 2)
  private BigDecimal total;

  @Column(nullable = false)
  private Instant issuedAt;

  @Version
  private long version;

  @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("lineNo")
  private List<InvoiceLine> lines = new ArrayList<>();

  protected Invoice() {}

  public Invoice(String invoiceNumber, Long certificantId, Long applicationId, FeePurpose purpose,
      Instant issuedAt) {
    this.invoiceNumber = invoiceNumber;
    this.certificantId = certificantId;
    this.applicationId = applicationId;
    this.purpose = purpose;
    this.status = InvoiceStatus.OPEN;
    this.total = BigDecimal.ZERO.setScale(2);
    this.issuedAt = issuedAt;
  }

  public void addLine(String feeCode, String description, BigDecimal amount) {
    lines.add(new InvoiceLine(this, lines.size() + 1, feeCode, description, amount));
    total = lines.stream().map(InvoiceLine::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
  }

  /** Replaces the lines, e.g. when a check dated on or before 1 December removes the late fee (R15). */
  public void replaceLines(List<InvoiceLine> newLines) {
    lines.clear();
    total = BigDecimal.ZERO.setScale(2);
    newLines.forEach(line -> addLine(line.getFeeCode(), line.getDescription(), line.getAmount()));
  }

  public void markPaid() {
    this.status = InvoiceStatus.PAID;
  }

  public void markVoid() {
    this.status = InvoiceStatus.VOID;
  }

  public Long getId() {
    return id;
  }

  public String getInvoiceNumber() {
    return invoiceNumber;
  }

  public Long getCertificantId() {
    return certificantId;
  }

  public Long getApplicationId() {
    return applicationId;
  }

  public FeePurpose getPurpose() {
    return purpose;
  }

  public InvoiceStatus getStatus() {
    return status;
  }

  public BigDecimal getTotal() {
    return total;
  }

  public Instant getIssuedAt() {
    return issuedAt;
  }

  public List<InvoiceLine> getLines() {
    return lines;
  }
}
