package org.namss.recert.renewal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.security.ApiUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations open one certificant's renewal by hand (e.g. a certificant added after 1 August). */
@RestController
@RequestMapping(path = "/api/renewals", produces = "application/json")
@Tag(name = "Operations")
@SecurityRequirement(name = "basic")
public class RenewalAdminController {

  private final RenewalService renewals;
  private final CertificantService certificants;

  public RenewalAdminController(RenewalService renewals, CertificantService certificants) {
    this.renewals = renewals;
    this.certificants = certificants;
  }

  public record OpenRequest(
      @NotBlank @Pattern(regexp = "^[A-Za-z0-9-]{1,20}$", message = "must be a certificant number") String certificantNumber,
      @NotNull @Min(2000) @Max(2200) Integer renewalYear) {}

  public record OpenedView(String certificantNumber, int renewalYear, boolean opened, String processInstanceId) {}

  @Operation(summary = "Open a certificant's renewal year by hand (idempotent)")
  @PostMapping(consumes = "application/json")
  public ResponseEntity<OpenedView> open(@Valid @RequestBody OpenRequest request) {
    ApiUser user = ApiUser.current();
    if (!user.isOperations() && !user.isStaff()) {
      throw ApiException.forbidden("Only operations or certification staff may open a renewal");
    }
    Certificant certificant = certificants.findByNumber(request.certificantNumber())
        .orElseThrow(() -> ApiException.notFound("No certificant with number " + request.certificantNumber()));
    certificants.renewalIn(certificant, request.renewalYear());
    var opened = renewals.open(certificant.getId(), request.renewalYear());
    return ResponseEntity.status(opened.isPresent() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new OpenedView(certificant.getNumber(), request.renewalYear(), opened.isPresent(), opened.orElse(null)));
  }
}
