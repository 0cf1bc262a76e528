package org.namss.recert.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.CertificantAccess;
import org.namss.recert.rules.FeePurpose;
import org.springframework.data.domain.Page;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * R14: certification staff find a payment by check number, amount and purpose, e.g. when a bank statement or a
 * member asks about a check. Every criterion given must match; at least one is required.
 */
@RestController
@RequestMapping(path = "/api/payments", produces = "application/json")
@Tag(name = "Payments")
@SecurityRequirement(name = "basic")
@Validated
public class PaymentController {

  /** The check number's column (payment.check_number) and the record check form's limit. */
  static final int MAX_CHECK_NUMBER = 30;
  /** The largest amount payment.amount (numeric(10, 2)) holds. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

  private final BillingService billing;
  private final CertificantAccess access;

  public PaymentController(BillingService billing, CertificantAccess access) {
    this.billing = billing;
    this.access = access;
  }

  /** A payment with what staff need to place it: the invoice it paid, its purpose and the certificant. */
  public record PaymentView(Long id, PaymentMethod method, BigDecimal amount, String checkNumber, LocalDate checkDate,
      String payer, String cardReference, LocalDate receivedOn, String recordedBy, Instant recordedAt,
      String invoiceNumber, FeePurpose purpose, InvoiceStatus invoiceStatus, String certificantNumber) {

    static PaymentView of(BillingService.FoundPayment found) {
      Payment p = found.payment();
      Invoice i = found.invoice();
      return new PaymentView(p.getId(), p.getMethod(), p.getAmount(), p.getCheckNumber(), p.getCheckDate(),
          p.getPayer(), p.getCardReference(), p.getReceivedOn(), p.getRecordedBy(), p.getRecordedAt(),
          i.getInvoiceNumber(), i.getPurpose(), i.getStatus(), found.certificantNumber());
    }
  }

  public record PaymentPage(List<PaymentView> items, int page, int size, long totalItems, int totalPages) {}

  @Operation(summary = "Find payments by check number, amount and invoice purpose (certification staff, R14)",
      description = "Every criterion given must match; at least one is required; an empty one means any. checkNumber "
          + "is compared as written on the check (surrounding blanks ignored); amount as a number (175 finds "
          + "175.00); purpose is "
          + "RECERTIFICATION (recertification and reinstatement invoices) or EXTENSION. Newest first.")
  @GetMapping
  public PaymentPage find(
      @RequestParam(required = false) String checkNumber,
      @RequestParam(required = false) BigDecimal amount,
      @RequestParam(required = false) FeePurpose purpose,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    access.requireStaff();
    // an empty parameter (checkNumber=&amount=5) means "any", as Spring already reads an empty amount or purpose
    String number = checkNumber == null || checkNumber.isBlank() ? null : checkNumber.strip();
    if (number != null && number.length() > MAX_CHECK_NUMBER) {
      throw ApiException.invalid("checkNumber", "must be at most " + MAX_CHECK_NUMBER + " characters");
    }
    if (amount != null && amount.signum() <= 0) {
      throw ApiException.invalid("amount", "must be more than 0");
    }
    if (amount != null && amount.stripTrailingZeros().scale() > 2) {
      throw ApiException.invalid("amount", "must have at most 2 decimals (cents), got " + amount.toPlainString());
    }
    if (amount != null && amount.compareTo(MAX_AMOUNT) > 0) {
      throw ApiException.invalid("amount", "must be at most " + MAX_AMOUNT.toPlainString());
    }
    if (number == null && amount == null && purpose == null) {
      throw ApiException.invalid("checkNumber", "give at least one of checkNumber, amount and purpose to search by");
    }
    Page<BillingService.FoundPayment> found = billing.findPayments(number, amount, purpose, page, size);
    return new PaymentPage(found.map(PaymentView::of).getContent(), page, size, found.getTotalElements(),
        found.getTotalPages());
  }
}
