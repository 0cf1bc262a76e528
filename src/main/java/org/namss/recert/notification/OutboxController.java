package org.namss.recert.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored mail, for certification staff: the outbox (status OUTBOX: no SMTP host is configured, staff forward
 * these by hand) and the record of what was sent or failed. Newest first.
 */
@RestController
@RequestMapping(path = "/api/outbox", produces = "application/json")
@Tag(name = "Mail")
@SecurityRequirement(name = "basic")
@Validated
public class OutboxController {

  private final MailMessageRepository repository;

  public OutboxController(MailMessageRepository repository) {
    this.repository = repository;
  }

  public record MailView(Long id, MailTemplate template, String recipient, String subject, MailStatus status,
      Instant createdAt, Instant sentAt, int attempts, String lastError, String textBody, String htmlBody) {

    static MailView of(MailMessage m) {
      return new MailView(m.getId(), m.getTemplate(), m.getRecipient(), m.getSubject(), m.getStatus(),
          m.getCreatedAt(), m.getSentAt(), m.getAttempts(), m.getLastError(), m.getTextBody(), m.getHtmlBody());
    }
  }

  public record MailPage(List<MailView> items, int page, int size, long totalItems, int totalPages) {}

  @Operation(summary = "Stored mail, newest first (certification staff); filter by recipient, status or template")
  @GetMapping
  @Transactional(readOnly = true)
  public MailPage list(
      @RequestParam(required = false) @Size(max = 254) String recipient,
      @RequestParam(required = false) MailStatus status,
      @RequestParam(required = false) MailTemplate template,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    requireStaff();
    Specification<MailMessage> filter = (root, query, cb) -> cb.conjunction();
    if (recipient != null && !recipient.isBlank()) {
      String address = recipient.strip().toLowerCase(Locale.ROOT);
      filter = filter.and((root, query, cb) -> cb.equal(root.get("recipient"), address));
    }
    if (status != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
    }
    if (template != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("template"), template));
    }
    Page<MailMessage> found = repository.findAll(filter,
        PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
    return new MailPage(found.map(MailView::of).getContent(), page, size, found.getTotalElements(),
        found.getTotalPages());
  }

  @Operation(summary = "One stored message (certification staff)")
  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  public MailView get(@PathVariable @Min(1) long id) {
    requireStaff();
    return repository.findById(id).map(MailView::of)
        .orElseThrow(() -> ApiException.notFound("No mail message " + id));
  }

  private static void requireStaff() {
    if (!ApiUser.current().isStaff()) {
      throw ApiException.forbidden("Only certification staff may read the outbox");
    }
  }
}
