package org.namss.recert.renewal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantAccess;
import org.namss.recert.security.ApiUser;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a certificant does in a renewal: submit the application, see invoices; and the confirmation of a card payment,
 * which the payment provider (or staff) sends, never the certificant.
 */
@RestController
@RequestMapping(path = "/api/certificants/{number}", produces = "application/json")
@Tag(name = "Applications and payments")
@SecurityRequirement(name = "basic")
@Validated
public class ApplicationController {

  private final CertificantAccess access;
  private final RenewalService renewals;
  private final RecertApplicationRepository applications;
  private final BillingService billing;
  private final CardPayments cardPayments;

  public ApplicationController(CertificantAccess access, RenewalService renewals,
      RecertApplicationRepository applications, BillingService billing, CardPayments cardPayments) {
    this.access = access;
    this.renewals = renewals;
    this.applications = applications;
    this.billing = billing;
    this.cardPayments = cardPayments;
  }

  public record SubmitRequest(@Min(2000) @Max(2200) Integer renewalYear) {}

  public record ApplicationView(Long id, int renewalYear, String kind, String status, String timing,
      Instant submittedAt, String decisionNote, String processInstanceId) {}

  public record CardPaymentRequest(
      @NotNull @DecimalMin("0.01") @DecimalMax("100000") @Digits(integer = 6, fraction = 2) BigDecimal amount,
      @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9_.:-]+$",
          message = "must be the payment provider's reference (letters, digits, _ . : -)") String cardReference) {}

  public record InvoiceView(String invoiceNumber, String purpose, String status, BigDecimal total, Instant issuedAt,
      List<LineView> lines, List<PaymentView> payments) {}

  public record LineView(String feeCode, String description, BigDecimal amount) {}

  public record PaymentView(String method, BigDecimal amount, String checkNumber, java.time.LocalDate checkDate,
      java.time.LocalDate receivedOn) {}

  @Operation(summary = "Submit the application for a renewal year (default: the current one)")
  @PostMapping(path = "/applications", consumes = "application/json")
  public ResponseEntity<ApplicationView> submit(@PathVariable String number,
      @Valid @RequestBody(required = false) SubmitRequest request) {
    Certificant certificant = access.require(number);
    RecertApplication application = renewals.submit(certificant, request == null ? null : request.renewalYear());
    return ResponseEntity.accepted()
        .location(URI.create("/api/certificants/" + number + "/applications"))
        .body(view(application));
  }

  @Operation(summary = "The certificant's applications and their status")
  @GetMapping("/applications")
  public List<ApplicationView> applications(@PathVariable String number) {
    Certificant certificant = access.require(number);
    return applications.findByCertificantIdOrderByIdAsc(certificant.getId()).stream().map(this::view).toList();
  }

  @Operation(summary = "Invoices in the certificant's account, itemized, with payments")
  @GetMapping("/invoices")
  public List<InvoiceView> invoices(@PathVariable String number) {
    Certificant certificant = access.require(number);
    return billing.invoicesOf(certificant.getId()).stream().map(this::view).toList();
  }

  @Operation(summary = "Confirm a card payment of an open invoice (from the payment provider)",
      description = "Only the payment provider's service account (group paymentService) and certification staff may "
          + "confirm; a certificant gets 403. The card reference is the provider's charge id: one already recorded "
          + "answers 409.")
  @PostMapping(path = "/invoices/{invoiceNumber}/card-payments", consumes = "application/json")
  public ResponseEntity<InvoiceView> payByCard(@PathVariable String number,
      @PathVariable @Pattern(regexp = "^[A-Z0-9-]{1,30}$", message = "must be an invoice number") String invoiceNumber,
      @Valid @RequestBody CardPaymentRequest request) {
    Certificant certificant = access.requireCardPaymentConfirmer(number);
    Invoice invoice = cardPayments.confirm(certificant, invoiceNumber, request.amount(), request.cardReference(),
        ApiUser.current().userId());
    return ResponseEntity.created(URI.create("/api/certificants/" + number + "/invoices"))
        .body(view(billing.invoice(invoice.getId())));
  }

  private ApplicationView view(RecertApplication a) {
    return new ApplicationView(a.getId(), a.getRenewalYear(), a.getKind().name(), a.getStatus().name(),
        a.getTiming() == null ? null : a.getTiming().name(), a.getSubmittedAt(), a.getDecisionNote(),
        a.getProcessInstanceId());
  }

  private InvoiceView view(Invoice invoice) {
    return new InvoiceView(invoice.getInvoiceNumber(), invoice.getPurpose().name(), invoice.getStatus().name(),
        invoice.getTotal(), invoice.getIssuedAt(),
        invoice.getLines().stream().map(l -> new LineView(l.getFeeCode(), l.getDescription(), l.getAmount())).toList(),
        billing.paymentsOf(invoice.getId()).stream()
            .map(p -> new PaymentView(p.getMethod().name(), p.getAmount(), p.getCheckNumber(), p.getCheckDate(),
                p.getReceivedOn()))
            .toList());
  }
}
