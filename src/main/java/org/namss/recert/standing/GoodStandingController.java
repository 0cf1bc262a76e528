package org.namss.recert.standing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.certificant.CertificationType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Good Standing Report's lookup (R17), open to employers without an account: it answers from the
 * certification records themselves, so it is current the moment a status changes. It shows only what the
 * public report shows: the name and each certification's status, never e-mail addresses.
 */
@RestController
@RequestMapping(path = "/api/good-standing", produces = "application/json")
@Tag(name = "Good standing")
@Validated
public class GoodStandingController {

  private final CertificantService certificants;

  public GoodStandingController(CertificantService certificants) {
    this.certificants = certificants;
  }

  public record Standing(String number, String name, boolean inGoodStanding, List<Held> certifications) {}

  public record Held(CertificationType type, CertificationStatus status, boolean inGoodStanding, int renewalYear) {}

  @Operation(summary = "Verify a certificant's standing by certificant number (open to employers)")
  @GetMapping("/{number}")
  public Standing lookup(@PathVariable @Pattern(regexp = "^[A-Za-z0-9-]{1,20}$",
      message = "must be a certificant number") String number) {
    var certificant = certificants.findByNumber(number)
        .orElseThrow(() -> ApiException.notFound("No certificant with number " + number));
    List<Held> held = certificant.getCertifications().stream()
        .map(c -> new Held(c.getType(), c.getStatus(), c.getStatus().inGoodStanding(), c.getRenewalYear()))
        .toList();
    return new Standing(certificant.getNumber(), certificant.fullName(),
        held.stream().anyMatch(Held::inGoodStanding), held);
  }
}
