package org.namss.recert.renewal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff or operations issue the badges that were recorded as pending while Credly was not configured (R19), once it
 * is; see docs/operations.md. Here rather than in the badge package: a badge request needs the certificant.
 */
@RestController
@RequestMapping(path = "/api/badges/pending", produces = "application/json")
@Tag(name = "Badges")
@SecurityRequirement(name = "basic")
@Validated
public class PendingBadgeController {

  private final PendingBadges pending;

  public PendingBadgeController(PendingBadges pending) {
    this.pending = pending;
  }

  @Operation(summary = "Issue pending badges through Credly, oldest first, after the id afterId (certification staff "
      + "or operations); 409 when Credly is not configured")
  @PostMapping("/issue")
  public PendingBadges.Outcome issue(@RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Long.MAX_VALUE) long afterId) {
    ApiUser user = ApiUser.current();
    if (!user.isStaff() && !user.isOperations()) {
      throw ApiException.forbidden("Only certification staff or operations may issue pending badges");
    }
    if (!pending.credlyConfigured()) {
      throw ApiException.conflict(PendingBadges.NOT_CONFIGURED);
    }
    return pending.issue(limit, afterId);
  }
}
