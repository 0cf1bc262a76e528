package org.namss.recert.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.namss.recert.api.ApiException;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.config.EntityLoads;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.FeeLine;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.rules.SubmissionTiming;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices placed in the member's account from the fee table (R28), and the payments against them: card
 * (confirmed through the API) or check recorded by staff (R14), where a check dated on or before 1 December
 * removes the late fee (R15).
 */
@Service
public class BillingService {

  /** The unique index on payment.card_reference (V4): a database error naming it is a reused reference. */
  static final String CARD_REFERENCE_INDEX = "uk_payment_card_reference";

  /** The fee code of the recertification fee, which every recertification invoice carries (R28). */
  static final String RECERTIFICATION_FEE = "RECERTIFICATION_FEE";

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "RECERTIFICATION_FEE", "Recertification fee",
      "LATE_FEE", "Late fee (submitted after the on-time deadline)",
      "EXTENSION_FEE", "Extension request fee",
      "REINSTATEMENT_FEE", "Reinstatement fee");

  private final InvoiceRepository invoices;
  private final PaymentRepository payments;
  private final RecertApplicationRepository applications;
  private final CertificantRepository certificants;
  private final DecisionRules rules;
  private final EntityManager entityManager;
  private final TimeSource time;

  public BillingService(InvoiceRepository invoices, PaymentRepository payments,
      RecertApplicationRepository applications, CertificantRepository certificants, DecisionRules rules,
      TimeSource time, EntityManager entityManager) {
    this.entityManager = entityManager;
    this.invoices = invoices;
    this.payments = payments;
    this.applications = applications;
    this.certificants = certificants;
    this.rules = rules;
    this.time = time;
  }

  /**
   * Places the invoice of an application, itemized by feeSchedule for its purpose and timing. Idempotent: an
   * application has one invoice per purpose; placing it again returns the one already placed.
   */
  @Transactional
  public Invoice place(Long applicationId, FeePurpose purpose, SubmissionTiming timing) {
    RecertApplication application = applications.findById(applicationId).orElseThrow();
    Optional<Invoice> existing = invoices.findByApplicationIdOrderByIdAsc(applicationId).stream()
        .filter(i -> i.getPurpose() == purpose && i.getStatus() != InvoiceStatus.VOID).findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    List<FeeLine> lines = rules.fees(purpose, timing, application.getCertificationCategory());
    if (purpose == FeePurpose.RECERTIFICATION
        && lines.stream().noneMatch(line -> RECERTIFICATION_FEE.equals(line.feeCode()))) {
      // R28: never a recertification invoice of the late or reinstatement fee alone (or of nothing)
      throw new MissingRecertificationFeeException("The decision table feeSchedule gives no " + RECERTIFICATION_FEE
          + " line for a recertification of " + application.getCertificationCategory() + " with timing " + timing
          + " (lines: " + lines.stream().map(FeeLine::feeCode).toList() + "); no invoice was placed for application "
          + applicationId + ". Deploy a corrected feeSchedule (docs/analysts.md), then retry this step (R28)");
    }
    if (lines.isEmpty()) {
      throw new IllegalStateException("feeSchedule gives no fee for " + purpose + " / " + timing);
    }
    Certificant certificant = certificants.findById(application.getCertificantId()).orElseThrow();
    String number = "INV-" + application.getRenewalYear() + "-" + certificant.getNumber() + "-"
        + (purpose == FeePurpose.EXTENSION ? "X" : application.getKind().name().charAt(0)) + application.getId();
    Invoice invoice = new Invoice(number, certificant.getId(), applicationId, purpose, time.now());
    lines.forEach(line -> invoice.addLine(line.feeCode(), describe(line.feeCode(), application), line.amount()));
    if (application.getTiming() != timing) {
      application.retime(timing);
    }
    return invoices.save(invoice);
  }

  /**
   * An invoice no longer owed (its extension request was refused, R20): void while it is open, so that it can no
   * longer be paid (a card payment of a void invoice answers 409); one already paid stays paid.
   *
   * @return whether it was voided
   */
  @Transactional
  public boolean voidIfOpen(Long invoiceId) {
    Invoice invoice = invoices.findById(invoiceId).orElseThrow();
    if (invoice.getStatus() != InvoiceStatus.OPEN) {
      return false;
    }
    invoice.markVoid();
    return true;
  }

  /**
   * Records a check staff received (R14). The timing was decided again with the check's date: when it changed
   * (a check dated on or before 1 December, R15) the open invoice is re-itemized before the payment is applied.
   *
   * @return whether the invoice is now paid in full
   */
  @Transactional
  public CheckResult recordCheck(Long invoiceId, String checkNumber, LocalDate checkDate, BigDecimal amount,
      String payer, SubmissionTiming timing, String recordedBy) {
    Invoice invoice = invoices.findById(invoiceId).orElseThrow();
    if (invoice.getStatus() == InvoiceStatus.OPEN && invoice.getPurpose() == FeePurpose.RECERTIFICATION) {
      RecertApplication application = applications.findById(invoice.getApplicationId()).orElseThrow();
      // R15 only ever removes the late fee: a later check dated after 1 December does not put it back. The lines
      // placed stay as they were (an analyst may have changed the fees since): only those that a late application
      // pays and an on-time one does not go
      if (timing == SubmissionTiming.ON_TIME && application.getTiming() == SubmissionTiming.LATE) {
        Set<String> onTime = feeCodes(invoice.getPurpose(), SubmissionTiming.ON_TIME, application);
        Set<String> lateOnly = feeCodes(invoice.getPurpose(), SubmissionTiming.LATE, application);
        lateOnly.removeAll(onTime);
        invoice.replaceLines(invoice.getLines().stream().filter(line -> !lateOnly.contains(line.getFeeCode()))
            .map(line -> InvoiceLine.of(line.getFeeCode(), line.getDescription(), line.getAmount())).toList());
        application.retime(timing);
      }
    }
    Payment payment = payments.save(Payment.byCheck(invoiceId, amount, checkNumber, checkDate, payer, time.today(),
        recordedBy, time.now()));
    boolean paid = settle(invoice);
    BigDecimal balance = invoice.getTotal().subtract(paidSoFar(invoice));
    return new CheckResult(payment.getId(), paid, balance.max(BigDecimal.ZERO).setScale(2), invoice.getTotal());
  }

  private Set<String> feeCodes(FeePurpose purpose, SubmissionTiming timing, RecertApplication application) {
    return rules.fees(purpose, timing, application.getCertificationCategory()).stream().map(FeeLine::feeCode)
        .collect(Collectors.toCollection(HashSet::new));
  }

  public record CheckResult(Long paymentId, boolean paidInFull, BigDecimal balance, BigDecimal total) {}

  /**
   * A card payment confirmed through the API: the full open amount of one of the certificant's invoices, with a card
   * reference (the provider's charge id) no payment has yet.
   */
  @Transactional
  public Payment recordCard(Certificant certificant, String invoiceNumber, BigDecimal amount, String reference,
      String recordedBy) {
    Invoice invoice = invoices.findByCertificantIdOrderByIdAsc(certificant.getId()).stream()
        .filter(i -> i.getInvoiceNumber().equals(invoiceNumber)).findFirst()
        .orElseThrow(() -> ApiException.notFound("No invoice " + invoiceNumber + " for this certificant"));
    if (invoice.getStatus() != InvoiceStatus.OPEN) {
      throw ApiException.conflict("Invoice " + invoiceNumber + " is " + invoice.getStatus() + ", not open");
    }
    BigDecimal due = invoice.getTotal().subtract(paidSoFar(invoice));
    if (amount.setScale(2).compareTo(due) != 0) {
      throw ApiException.invalid("amount", "must be the amount due, " + due.toPlainString() + " USD");
    }
    // the reference is the provider's charge id: one charge pays one invoice, once
    if (payments.existsByCardReference(reference)) {
      throw cardReferenceRecorded(reference);
    }
    Payment payment;
    try {
      payment = payments.saveAndFlush(Payment.byCard(invoice.getId(), amount, reference, time.today(), recordedBy,
          time.now()));
    } catch (DataIntegrityViolationException e) {
      // a confirmation with the same reference committed after the check above (V4's unique index)
      if (violates(e, CARD_REFERENCE_INDEX)) {
        throw cardReferenceRecorded(reference);
      }
      throw e;
    }
    settle(invoice);
    return payment;
  }

  private static ApiException cardReferenceRecorded(String reference) {
    return ApiException.conflict("Card reference " + reference + " is already recorded for a payment: a card charge "
        + "pays one invoice once");
  }

  private static boolean violates(DataIntegrityViolationException e, String constraint) {
    String message = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains(constraint);
  }

  /** A payment found by {@link #findPayments}, with the invoice it paid and the certificant's number. */
  public record FoundPayment(Payment payment, Invoice invoice, String certificantNumber) {}

  /**
   * R14: the payments that match every criterion given (null means any): the check number as written on the check,
   * the amount (compared as a number, so 175 finds 175.00) and the purpose of the invoice it paid. Newest first
   * (received on, then recorded).
   */
  @Transactional(readOnly = true)
  public Page<FoundPayment> findPayments(String checkNumber, BigDecimal amount, FeePurpose purpose, int page,
      int size) {
    Specification<Payment> filter = (root, query, cb) -> cb.conjunction();
    if (checkNumber != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("checkNumber"), checkNumber));
    }
    if (amount != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("amount"), amount));
    }
    if (purpose != null) {
      filter = filter.and((root, query, cb) -> {
        Subquery<Long> ofPurpose = query.subquery(Long.class);
        Root<Invoice> invoice = ofPurpose.from(Invoice.class);
        ofPurpose.select(invoice.get("id")).where(cb.equal(invoice.get("purpose"), purpose));
        return root.get("invoiceId").in(ofPurpose);
      });
    }
    Page<Payment> found = payments.findAll(filter, PageRequest.of(page, size,
        Sort.by(Sort.Order.desc("receivedOn"), Sort.Order.desc("recordedAt"), Sort.Order.desc("id"))));
    Map<Long, Invoice> invoicesById = invoices.findAllById(
        found.stream().map(Payment::getInvoiceId).distinct().toList()).stream()
        .collect(Collectors.toMap(Invoice::getId, Function.identity()));
    Map<Long, String> numbers = certificants.findAllById(
        invoicesById.values().stream().map(Invoice::getCertificantId).distinct().toList()).stream()
        .collect(Collectors.toMap(Certificant::getId, Certificant::getNumber));
    return found.map(p -> {
      Invoice invoice = invoicesById.get(p.getInvoiceId());
      return new FoundPayment(p, invoice, numbers.get(invoice.getCertificantId()));
    });
  }

  @Transactional(readOnly = true)
  public List<Invoice> invoicesOf(Long certificantId) {
    List<Invoice> list = invoices.findByCertificantIdOrderByIdAsc(certificantId);
    list.forEach(i -> i.getLines().size());
    return list;
  }

  @Transactional(readOnly = true)
  public Invoice invoice(Long invoiceId) {
    return EntityLoads.find(entityManager, Invoice.class, invoiceId, Invoice.WITH_LINES).orElseThrow();
  }

  /** What the payments of an invoice add up to: its total when paid exactly, more when a check overpaid it. */
  @Transactional(readOnly = true)
  public BigDecimal amountPaid(Long invoiceId) {
    return paidSoFar(invoices.findById(invoiceId).orElseThrow());
  }

  @Transactional(readOnly = true)
  public List<Payment> paymentsOf(Long invoiceId) {
    return payments.findByInvoiceIdOrderByIdAsc(invoiceId);
  }

  private boolean settle(Invoice invoice) {
    if (paidSoFar(invoice).compareTo(invoice.getTotal()) >= 0) {
      invoice.markPaid();
      return true;
    }
    return false;
  }

  private BigDecimal paidSoFar(Invoice invoice) {
    return payments.findByInvoiceIdOrderByIdAsc(invoice.getId()).stream().map(Payment::getAmount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String describe(String feeCode, RecertApplication application) {
    String base = DESCRIPTIONS.getOrDefault(feeCode, feeCode);
    return "RECERTIFICATION_FEE".equals(feeCode)
        ? base + " (" + application.getCertificationCategory() + ", renewal year " + application.getRenewalYear() + ")"
        : base;
  }
}
