package org.namss.recert.badge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.namss.recert.config.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The digital badge of each renewed certification, issued through Credly (R19) with the profile's exact name
 * (R24), and ended when the certification lapses (R25). Without Credly configuration (the embedded default) the
 * badge is recorded as PENDING_CONFIGURATION for staff ({@code GET /api/badges}); it is never dropped.
 *
 * <p>Idempotent: one row per certificant, certification and renewal year; a retry after a lost answer meets
 * Credly's duplicate refusal and is recorded as ALREADY_ISSUED, so nothing is issued twice. Logs carry no name and
 * no address.
 */
@Service
public class BadgeService {

  private static final Logger LOG = LoggerFactory.getLogger(BadgeService.class);
  private static final Set<String> TYPES = Set.of("CPCS", "CPMSM");
  static final String DEFAULT_REVOKE_REASON = "The certification lapsed: it was not renewed.";
  /** An existing badge expiring this long before the requested one belongs to an earlier cycle. */
  private static final int EARLIER_CYCLE_DAYS = 180;

  private final BadgeIssuanceRepository repository;
  private final CredlyProperties properties;
  private final CredlyClient credly;
  private final TimeSource time;

  public BadgeService(BadgeIssuanceRepository repository, CredlyProperties properties, TimeSource time) {
    this.repository = repository;
    this.properties = properties;
    this.credly = new CredlyClient(properties);
    this.time = time;
  }

  /**
   * Issues (or records as pending) the badge of one renewed certification; idempotent per certificant, type and
   * renewal year.
   *
   * @throws IllegalArgumentException when the request is incomplete
   * @throws CredlyUnavailableException when Credly cannot be reached or is overloaded (retry)
   * @throws CredlyException when Credly refuses the request (an incident: retrying will not help)
   */
  @Transactional
  public BadgeIssuance issue(BadgeRequest request) {
    String type = validate(request);
    Instant now = time.now();
    Optional<BadgeIssuance> existing = repository.findForUpdate(request.certificantId(), type,
        request.renewalYear());
    if (existing.isPresent() && existing.get().getStatus() != BadgeStatus.PENDING_CONFIGURATION) {
      LOG.debug("Badge issuance {} is already {}: nothing to do", existing.get().getId(), existing.get().getStatus());
      return existing.get();
    }
    Instant expiresAt = request.expiresAt() == null ? null : request.expiresAt().toInstant();
    BadgeIssuance issuance = existing.orElseGet(() -> new BadgeIssuance(request.certificantId(), type,
        request.renewalYear(), request.recipientEmail().strip(), request.issuedAt().toInstant(), expiresAt, now));
    issuance.details(request.recipientEmail().strip(), request.issuedAt().toInstant(), expiresAt, now);

    if (!properties.enabled()) {
      BadgeIssuance saved = repository.saveAndFlush(issuance);
      LOG.info("Badge issuance {} ({} {}) recorded as pending: Credly is not configured", saved.getId(), type,
          request.renewalYear());
      return saved;
    }
    String templateId = properties.templateIds().forType(type);
    if (templateId == null) {
      // Credly is on but cannot be asked for this certification's badge: an incident, not a quiet pending row
      throw new CredlyException("No Credly badge template is configured for " + type + " (credly.template-ids."
          + type.toLowerCase(java.util.Locale.ROOT) + ", CREDLY_TEMPLATE_" + type + "): configure it, restart, "
          + "then retry");
    }

    // Look before issuing: an earlier attempt may have reached Credly without its answer being recorded (the JVM
    // died, or the answer timed out). Credly then has this cycle's badge, and a second POST must not be sent.
    // Best effort: when the lookup fails the POST goes out, and a duplicate is still caught by Credly's refusal.
    Optional<CredlyClient.Existing> before = findExisting(templateId, request.recipientEmail().strip());
    if (before.isPresent() && !earlierCycle(before.get(), request)) {
      issuance.issued(BadgeStatus.ALREADY_ISSUED, templateId, before.get().badgeId(), now);
      BadgeIssuance saved = repository.saveAndFlush(issuance);
      LOG.info("Badge issuance {} ({} {}): Credly already has this badge ({}), not issued again", saved.getId(),
          type, request.renewalYear(), saved.getCredlyBadgeId());
      return saved;
    }
    CredlyClient.Issued issued = credly.issue(templateId, request);
    if (!issued.duplicate()) {
      issuance.issued(BadgeStatus.ISSUED, templateId, issued.badgeId(), now);
      BadgeIssuance saved = repository.saveAndFlush(issuance);
      LOG.info("Badge issuance {} ({} {}) issued as Credly badge {}", saved.getId(), type, request.renewalYear(),
          issued.badgeId());
      return saved;
    }
    Optional<CredlyClient.Existing> found = findExisting(templateId, request.recipientEmail().strip());
    if (found.isPresent() && earlierCycle(found.get(), request)) {
      throw new CredlyException(422, "Credly refused the " + request.renewalYear() + " " + type
          + " badge as a duplicate of badge " + found.get().badgeId() + ", which expires "
          + found.get().expiresOn() + " (an earlier cycle): allow duplicate badges on the Credly badge template "
          + templateId + ", then retry");
    }
    issuance.issued(BadgeStatus.ALREADY_ISSUED, templateId, found.map(CredlyClient.Existing::badgeId).orElse(null),
        now);
    BadgeIssuance saved = repository.saveAndFlush(issuance);
    LOG.info("Badge issuance {} ({} {}): Credly already has this badge{}", saved.getId(), type,
        request.renewalYear(), saved.getCredlyBadgeId() == null ? "" : " (" + saved.getCredlyBadgeId() + ")");
    return saved;
  }

  /** Whether Credly is configured (base URL, organization and token), so that badges can be issued. */
  public boolean credlyConfigured() {
    return properties.enabled();
  }

  /**
   * Ends the badges of a lapsed certification so public verification agrees (R25); no-op when none was issued.
   * Badges already past their expiry are left as they are (Credly shows them expired); a pending one is marked
   * revoked without calling Credly.
   *
   * @throws CredlyUnavailableException when Credly cannot be reached or is overloaded (retry)
   * @throws CredlyException when Credly refuses, or is not configured while an issued badge must be revoked
   */
  @Transactional
  public void revoke(Long certificantId, String certificationType, String reason) {
    if (certificantId == null || certificationType == null) {
      throw new IllegalArgumentException("A certificant and a certification type are required");
    }
    String type = type(certificationType);
    String why = StringUtils.hasText(reason) ? reason.strip() : DEFAULT_REVOKE_REASON;
    Instant now = time.now();
    List<BadgeIssuance> open = repository.findByCertificantIdAndCertificationTypeAndStatusInOrderByRenewalYear(
        certificantId, type, EnumSet.of(BadgeStatus.PENDING_CONFIGURATION, BadgeStatus.ISSUED,
            BadgeStatus.ALREADY_ISSUED));
    for (BadgeIssuance issuance : open) {
      if (issuance.getStatus() == BadgeStatus.PENDING_CONFIGURATION) {
        issuance.revoked(null, now);
        LOG.info("Badge issuance {} ({} {}) was pending: marked revoked, nothing to end in Credly",
            issuance.getId(), type, issuance.getRenewalYear());
        continue;
      }
      if (!issuance.validAt(now)) {
        LOG.debug("Badge issuance {} has expired already: left as it is", issuance.getId());
        continue;
      }
      if (!properties.enabled()) {
        throw new CredlyException("Credly is not configured: badge issuance " + issuance.getId()
            + " cannot be revoked (R25); configure Credly or revoke the badge in Credly by hand");
      }
      String badgeId = issuance.getCredlyBadgeId();
      if (badgeId == null) {
        List<CredlyClient.Existing> found = credly.find(issuance.getTemplateId(), issuance.getRecipientEmail());
        Optional<CredlyClient.Existing> live = found.stream().filter(b -> !b.revoked()).findFirst();
        if (live.isEmpty() && !found.isEmpty()) {
          issuance.revoked(found.get(0).badgeId(), now);
          LOG.info("Badge issuance {} was already revoked in Credly", issuance.getId());
          continue;
        }
        badgeId = live.map(CredlyClient.Existing::badgeId).orElseThrow(() -> new CredlyException(
            "Credly has no badge for issuance " + issuance.getId() + " to revoke; check it in Credly by hand"));
      }
      credly.revoke(badgeId, why);
      issuance.revoked(badgeId, now);
      LOG.info("Badge issuance {} ({} {}): Credly badge {} revoked", issuance.getId(), type,
          issuance.getRenewalYear(), badgeId);
    }
    repository.saveAllAndFlush(open);
  }

  /** Best effort: which badge Credly already has (for a later revocation); unknown when the lookup fails. */
  private Optional<CredlyClient.Existing> findExisting(String templateId, String recipientEmail) {
    try {
      return credly.find(templateId, recipientEmail).stream()
          .filter(b -> !b.revoked())
          .max(Comparator.comparing(CredlyClient.Existing::expiresOn,
              Comparator.nullsLast(Comparator.naturalOrder())));
    } catch (CredlyException e) {
      LOG.warn("Could not look up the existing Credly badge: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Credly's duplicate check does not know cycles: a template that refuses duplicates refuses the renewed cycle's
   * badge because of the previous cycle's. That is no "already issued": it needs the template changed.
   */
  private static boolean earlierCycle(CredlyClient.Existing existing, BadgeRequest request) {
    if (existing.expiresOn() == null || request.expiresAt() == null) {
      return false;
    }
    LocalDate requested = request.expiresAt().toLocalDate();
    return existing.expiresOn().isBefore(requested.minusDays(EARLIER_CYCLE_DAYS));
  }

  private static String validate(BadgeRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("A badge request is required");
    }
    StringBuilder missing = new StringBuilder();
    if (request.certificantId() == null) {
      missing.append(" certificantId");
    }
    if (!StringUtils.hasText(request.certificantNumber())) {
      missing.append(" certificantNumber");
    }
    if (!StringUtils.hasText(request.firstName())) {
      missing.append(" firstName");
    }
    if (!StringUtils.hasText(request.lastName())) {
      missing.append(" lastName");
    }
    if (!StringUtils.hasText(request.recipientEmail())) {
      missing.append(" recipientEmail");
    }
    if (request.certificationType() == null) {
      missing.append(" certificationType");
    }
    if (request.issuedAt() == null) {
      missing.append(" issuedAt");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("A badge request needs" + missing);
    }
    String email = request.recipientEmail().strip();
    if (email.length() > 254 || email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1) {
      throw new IllegalArgumentException("The recipient is not a valid e-mail address");
    }
    if (request.renewalYear() < 1970 || request.renewalYear() > 2200) {
      throw new IllegalArgumentException("Not a renewal year: " + request.renewalYear());
    }
    return type(request.certificationType());
  }

  private static String type(String certificationType) {
    String type = certificationType.strip().toUpperCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("Not a certification type: " + certificationType + " (CPCS or CPMSM)");
    }
    return type;
  }
}
