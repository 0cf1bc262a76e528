package org.namss.recert.ce;

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
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantAccess;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A certificant's CE activities with their certificates (R10, R13) and their progress (R5, R6, R9). */
@RestController
@RequestMapping(path = "/api/certificants/{number}", produces = "application/json")
@Tag(name = "Continuing education")
@SecurityRequirement(name = "basic")
@Validated
public class CeController {

  /** No markup and no control or invisible formatting characters (NUL, bidi overrides) in text fields. */
  private static final String TEXT = "^[^<>\\p{Cc}\\p{Cf}]*$";
  private static final String TEXT_MESSAGE = "must not contain < or > or control characters";

  private final CeService service;
  private final CertificantAccess access;

  public CeController(CeService service, CertificantAccess access) {
    this.service = service;
    this.access = access;
  }

  public record ActivityRequest(
      @NotBlank @Size(max = 300) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String title,
      @NotBlank @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String provider,
      @NotNull LocalDate earnedOn,
      @NotNull @DecimalMin(value = "0.25", message = "must be at least 0.25 credits")
      @DecimalMax(value = "50", message = "must be at most 50 credits for one activity")
      @Digits(integer = 2, fraction = 2, message = "must have at most 2 decimals") BigDecimal credits,
      @NotNull Boolean associationApproved,
      @NotNull Attendance attendance,
      @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String city,
      @NotBlank @Size(max = 50) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String state) {}

  public record ActivityView(Long id, String title, String provider, LocalDate earnedOn, BigDecimal credits,
      boolean associationApproved, Attendance attendance, String city, String state, Verification verification,
      boolean hasCertificate, String certificateUrl) {}

  public record ProgressView(int renewalYear, String certificationCategory, boolean firstTimeDual,
      LocalDate windowStart, LocalDate windowEnd, BigDecimal requiredTotalCredits, BigDecimal requiredApprovedCredits,
      BigDecimal totalCredits, BigDecimal approvedCredits, boolean complete, List<String> missing) {}

  @Operation(summary = "Report a CE activity, with its certificate (PDF, PNG or JPEG, at most 10 MB)")
  @PostMapping(path = "/ce-activities", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<ActivityView> add(@PathVariable String number,
      @RequestPart("activity") @Valid ActivityRequest request,
      @RequestPart(name = "certificate", required = false) MultipartFile certificate) {
    Certificant certificant = access.require(number);
    CeActivity saved = service.add(certificant, new CeService.NewActivity(request.title(), request.provider(),
            request.earnedOn(), request.credits(), request.associationApproved(), request.attendance(),
            request.city(), request.state()),
        certificate == null ? null : certificate.getOriginalFilename(), bytes(certificate));
    return ResponseEntity.created(URI.create("/api/certificants/" + number + "/ce-activities/" + saved.getId()))
        .body(view(number, saved, certificate != null));
  }

  @Operation(summary = "Attach the certificate to an activity reported without one")
  @PutMapping(path = "/ce-activities/{activityId}/certificate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ActivityView attach(@PathVariable String number, @PathVariable @Min(1) @Max(Long.MAX_VALUE) Long activityId,
      @RequestPart("certificate") MultipartFile certificate) {
    Certificant certificant = access.require(number);
    return view(number, service.attachCertificate(certificant, activityId, certificate.getOriginalFilename(),
        bytes(certificate)), true);
  }

  public record VerificationRequest(@NotNull Verification verification, Boolean associationApproved) {}

  @Operation(summary = "Staff verify an activity during review (R11, R12): VERIFIED, REJECTED (no longer counts) or "
      + "UNVERIFIED; associationApproved, when given, confirms or corrects the flag")
  @PutMapping(path = "/ce-activities/{activityId}/verification", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ActivityView verify(@PathVariable String number, @PathVariable @Min(1) @Max(Long.MAX_VALUE) Long activityId,
      @Valid @RequestBody VerificationRequest request) {
    access.requireStaff();
    Certificant certificant = access.require(number);
    CeActivity activity = service.verify(certificant, activityId, request.verification(),
        request.associationApproved());
    return view(number, activity, service.hasCertificate(activity));
  }

  @Operation(summary = "List a certificant's CE activities")
  @GetMapping("/ce-activities")
  public List<ActivityView> list(@PathVariable String number) {
    Certificant certificant = access.require(number);
    return service.listWithCertificates(certificant.getId()).stream()
        .map(listed -> view(number, listed.activity(), listed.hasCertificate())).toList();
  }

  @Operation(summary = "Download an activity's certificate")
  @GetMapping(path = "/ce-activities/{activityId}/certificate", produces = MediaType.ALL_VALUE)
  public ResponseEntity<byte[]> certificate(@PathVariable String number, @PathVariable Long activityId) {
    Certificant certificant = access.require(number);
    CeCertificate file = service.certificate(certificant.getId(), activityId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.getContentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(file.getFileName()).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(file.getContent());
  }

  @Operation(summary = "CE progress against the requirement, counting only credits inside the window")
  @GetMapping("/ce-progress")
  public ProgressView progress(@PathVariable String number,
      @RequestParam(required = false) @Min(1970) @Max(2200) Integer renewalYear) {
    Certificant certificant = access.require(number);
    int year = renewalYear != null ? renewalYear : service.currentRenewalYear(certificant);
    CeProgress progress = service.progress(certificant, year);
    return new ProgressView(progress.renewalYear(), progress.category().name(), progress.firstTimeDual(),
        progress.window().start(), progress.window().end(), progress.requirement().totalCredits(),
        progress.requirement().approvedCredits(), progress.totalCredits(), progress.approvedCredits(),
        progress.complete(), progress.missing());
  }

  private static ActivityView view(String number, CeActivity a, boolean hasCertificate) {
    return new ActivityView(a.getId(), a.getTitle(), a.getProvider(), a.getEarnedOn(), a.getCredits(),
        a.isAssociationApproved(), a.getAttendance(), a.getCity(), a.getState(), a.getVerification(), hasCertificate,
        hasCertificate ? "/api/certificants/" + number + "/ce-activities/" + a.getId() + "/certificate" : null);
  }

  private static byte[] bytes(MultipartFile file) {
    if (file == null) {
      return null;
    }
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw ApiException.invalid("certificate", "could not be read");
    }
  }
}
