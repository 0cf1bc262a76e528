package org.namss.recert.certificant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.RenewalCalendar;
import org.namss.recert.security.ApiUser;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registering and finding certificants (R2), and what they are due (R3). */
@RestController
@RequestMapping(path = "/api/certificants", produces = "application/json")
@Tag(name = "Certificants")
@SecurityRequirement(name = "basic")
@Validated
public class CertificantController {

  static final String NUMBER = "^[A-Za-z0-9-]{1,20}$";
  static final String NAME = Certificant.NAME;

  private final CertificantService service;
  private final CertificantAccess access;
  private final DecisionRules rules;
  private final CertificantMerge merge;

  public CertificantController(CertificantService service, CertificantAccess access, DecisionRules rules,
      CertificantMerge merge) {
    this.service = service;
    this.access = access;
    this.rules = rules;
    this.merge = merge;
  }

  public record CertificationRequest(
      @NotNull CertificationType type,
      @NotNull @Past LocalDate initialCertificationDate,
      @Min(1970) @Max(2200) Integer renewalYear) {}

  public record RegisterRequest(
      @NotBlank @Pattern(regexp = NUMBER, message = "must be 1-20 letters, digits or dashes") String number,
      @NotBlank @Pattern(regexp = NAME, message = "must be a name of letters, spaces, apostrophes, dots or "
          + "dashes (at most 100)") String firstName,
      @NotBlank @Pattern(regexp = NAME, message = "must be a name of letters, spaces, apostrophes, dots or "
          + "dashes (at most 100)") String lastName,
      @NotEmpty @Size(max = 5) List<@NotBlank @Email @Size(max = 254) String> emails,
      @NotEmpty @Size(max = 2) List<@NotNull @Valid CertificationRequest> certifications) {}

  public record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {}

  public record MergeRequest(
      @NotBlank @Pattern(regexp = NUMBER, message = "must be 1-20 letters, digits or dashes") String duplicate) {}

  public record MergedView(CertificantView certificant, CertificantMerge.Merged merged) {}

  @Operation(summary = "Merge a duplicate account into this certificant (certification staff, R2): its e-mail "
      + "addresses, CE activities and certifications move here and it is deleted; 409 when it has renewal history")
  @PostMapping(path = "/{number}/merge", consumes = "application/json")
  public MergedView merge(@PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody MergeRequest request) {
    access.requireStaff();
    CertificantMerge.Merged merged = merge.merge(number, request.duplicate());
    return new MergedView(view(service.findByNumber(merged.survivor()).orElseThrow()), merged);
  }

  @Operation(summary = "Register a certificant (certification staff)")
  @PostMapping(consumes = "application/json")
  public ResponseEntity<CertificantView> register(@Valid @RequestBody RegisterRequest request) {
    access.requireStaff();
    Certificant saved = service.register(request.number(), request.firstName(), request.lastName(),
        request.emails(), request.certifications().stream()
            .map(c -> new CertificantService.NewCertification(c.type(), c.initialCertificationDate(),
                c.renewalYear()))
            .toList());
    return ResponseEntity.created(URI.create("/api/certificants/" + saved.getNumber()))
        .body(view(service.get(saved.getId())));
  }

  @Operation(summary = "Find a certificant by any of their e-mail addresses (R2)")
  @GetMapping(params = "email")
  public CertificantView findByEmail(@RequestParam @NotBlank @Email @Size(max = 254) String email) {
    ApiUser user = ApiUser.current();
    if (!user.isStaff() && (user.certificantEmail() == null || !Certificant.normalize(user.certificantEmail())
        .equals(Certificant.normalize(email)))) {
      // a certificant may look up only their own address: others answer as unknown
      throw ApiException.notFound("No certificant with the address " + email);
    }
    return service.findByEmail(email).map(this::view)
        .orElseThrow(() -> ApiException.notFound("No certificant with the address " + email));
  }

  @Operation(summary = "A certificant's certifications, status and what is due when (R3)")
  @GetMapping("/{number}")
  public CertificantView get(@PathVariable @Pattern(regexp = NUMBER) String number) {
    return view(service.get(access.require(number).getId()));
  }

  @Operation(summary = "Add a certification the person earned since registering (certification staff): the other "
      + "one (dual, R5, R6), or the same one again after it expired and the exam was passed anew (R27); 409 when held")
  @PostMapping(path = "/{number}/certifications", consumes = "application/json")
  public CertificantView addCertification(@PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody CertificationRequest request) {
    access.requireStaff();
    Certificant certificant = access.require(number);
    service.addCertification(certificant, new CertificantService.NewCertification(request.type(),
        request.initialCertificationDate(), request.renewalYear()));
    return view(service.get(certificant.getId()));
  }

  @Operation(summary = "Add another e-mail address (account) to a certificant (R2)")
  @PostMapping(path = "/{number}/emails", consumes = "application/json")
  public CertificantView addEmail(@PathVariable @Pattern(regexp = NUMBER) String number,
      @Valid @RequestBody EmailRequest request) {
    access.requireStaff();
    Certificant certificant = access.require(number);
    service.addEmail(certificant, request.email());
    return view(service.get(certificant.getId()));
  }

  CertificantView view(Certificant certificant) {
    List<CertificantView.CertificationView> held = certificant.getCertifications().stream()
        .map(c -> {
          RenewalCalendar calendar = rules.renewalCalendar(c.getRenewalYear());
          return new CertificantView.CertificationView(c.getType(), c.getInitialCertificationDate(),
              c.getRenewalYear(), c.getStatus(), c.getStatus().inGoodStanding(), calendar.applicationOpens(),
              calendar.onTimeDeadline(), calendar.lateDeadline());
        })
        .toList();
    return new CertificantView(certificant.getNumber(), certificant.getFirstName(), certificant.getLastName(),
        certificant.getEmails().stream().map(CertificantEmail::getEmail).toList(), held);
  }
}
