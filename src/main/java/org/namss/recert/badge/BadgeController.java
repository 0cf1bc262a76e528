package org.namss.recert.badge;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The badges of renewed certifications, for certification staff: pending ones wait for Credly configuration. */
@RestController
@RequestMapping(path = "/api/badges", produces = "application/json")
@Tag(name = "Badges")
@SecurityRequirement(name = "basic")
@Validated
public class BadgeController {

  private final BadgeIssuanceRepository repository;

  public BadgeController(BadgeIssuanceRepository repository) {
    this.repository = repository;
  }

  public record BadgeView(Long id, Long certificantId, String certificationType, int renewalYear, BadgeStatus status,
      String templateId, String credlyBadgeId, String recipientEmail, Instant issuedAt, Instant expiresAt,
      Instant createdAt, Instant updatedAt) {

    static BadgeView of(BadgeIssuance b) {
      return new BadgeView(b.getId(), b.getCertificantId(), b.getCertificationType(), b.getRenewalYear(),
          b.getStatus(), b.getTemplateId(), b.getCredlyBadgeId(), b.getRecipientEmail(), b.getIssuedAt(),
          b.getExpiresAt(), b.getCreatedAt(), b.getUpdatedAt());
    }
  }

  public record BadgePage(List<BadgeView> items, int page, int size, long totalItems, int totalPages) {}

  @Operation(summary = "Badge issuances, newest first (certification staff); filter by status or certificant")
  @GetMapping
  @Transactional(readOnly = true)
  public BadgePage list(
      @RequestParam(required = false) BadgeStatus status,
      @RequestParam(required = false) @Min(1) Long certificantId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    if (!ApiUser.current().isStaff()) {
      throw ApiException.forbidden("Only certification staff may list badges");
    }
    Specification<BadgeIssuance> filter = (root, query, cb) -> cb.conjunction();
    if (status != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
    }
    if (certificantId != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("certificantId"), certificantId));
    }
    Page<BadgeIssuance> found = repository.findAll(filter,
        PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
    return new BadgePage(found.map(BadgeView::of).getContent(), page, size, found.getTotalElements(),
        found.getTotalPages());
  }
}
