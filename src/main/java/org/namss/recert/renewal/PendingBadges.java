package org.namss.recert.renewal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.namss.recert.badge.BadgeIssuance;
import org.namss.recert.badge.BadgeIssuanceRepository;
import org.namss.recert.badge.BadgeRequest;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.badge.BadgeStatus;
import org.namss.recert.badge.CredlyException;
import org.namss.recert.badge.CredlyUnavailableException;
import org.namss.recert.certificant.CertificantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * R19: issues the badges recorded as pending while Credly was not configured (the embedded default), once it is.
 * Each badge is issued in a transaction of its own through {@link BadgeService#issue}, which is idempotent: a badge
 * Credly already has is recorded as ALREADY_ISSUED, never issued twice. A badge Credly refuses is reported and stays
 * pending; when Credly cannot be reached the run stops, since the next badges would fail the same way.
 */
@Service
public class PendingBadges {

  private static final Logger LOG = LoggerFactory.getLogger(PendingBadges.class);
  static final String NOT_CONFIGURED = "Credly is not configured (CREDLY_BASE_URL, CREDLY_ORGANIZATION_ID, "
      + "CREDLY_AUTH_TOKEN): pending badges stay pending";

  private final BadgeIssuanceRepository repository;
  private final BadgeService badges;
  private final CertificantService certificants;

  public PendingBadges(BadgeIssuanceRepository repository, BadgeService badges, CertificantService certificants) {
    this.repository = repository;
    this.badges = badges;
    this.certificants = certificants;
  }

  /** One badge that could not be issued, and why (the message names no person). */
  public record Failure(Long badgeIssuanceId, String message) {}

  /**
   * What a run did.
   *
   * @param issued issued now
   * @param alreadyIssued Credly had them already: recorded, not issued again
   * @param failed refused by Credly, or the run stopped at them (they stay pending)
   * @param stillPending pending after the run
   * @param lastId the last pending badge this run tried: pass it as {@code afterId} to go on past badges that
   *     Credly keeps refusing
   */
  public record Outcome(int issued, int alreadyIssued, List<Failure> failed, long stillPending, long lastId) {}

  /** Whether Credly is configured, so that pending badges can be issued. */
  public boolean credlyConfigured() {
    return badges.credlyConfigured();
  }

  /**
   * Issues up to {@code limit} pending badges with an id above {@code afterId}, oldest first.
   *
   * @throws IllegalStateException when Credly is not configured: nothing can be issued
   */
  public Outcome issue(int limit, long afterId) {
    if (!badges.credlyConfigured()) {
      throw new IllegalStateException(NOT_CONFIGURED);
    }
    int issued = 0;
    int already = 0;
    List<Failure> failed = new ArrayList<>();
    long lastId = afterId;
    for (BadgeIssuance pending : repository.findByStatusAfter(BadgeStatus.PENDING_CONFIGURATION, afterId,
        PageRequest.of(0, limit))) {
      lastId = pending.getId();
      try {
        BadgeIssuance result = badges.issue(request(pending));
        if (result.getStatus() == BadgeStatus.ALREADY_ISSUED) {
          already++;
        } else {
          issued++;
        }
      } catch (CredlyUnavailableException e) {
        failed.add(new Failure(pending.getId(), e.getMessage()));
        LOG.warn("Pending badges: Credly is unavailable, stopped after {} issued: {}", issued + already,
            e.getMessage());
        break;
      } catch (CredlyException | IllegalArgumentException e) {
        failed.add(new Failure(pending.getId(), e.getMessage()));
        LOG.warn("Pending badge issuance {} not issued: {}", pending.getId(), e.getMessage());
      }
    }
    long stillPending = repository.count((root, query, cb) -> cb.equal(root.get("status"),
        BadgeStatus.PENDING_CONFIGURATION));
    LOG.info("Pending badges: {} issued, {} already in Credly, {} failed, {} still pending", issued, already,
        failed.size(), stillPending);
    return new Outcome(issued, already, failed, stillPending, lastId);
  }

  /** The request the renewal made, with the certificant's current name and primary address (R4, R24). */
  private BadgeRequest request(BadgeIssuance pending) {
    return IssueBadgeDelegate.request(certificants.get(pending.getCertificantId()), pending.getCertificationType(),
        pending.getRenewalYear(), pending.getIssuedAt().atOffset(ZoneOffset.UTC),
        pending.getExpiresAt() == null ? null : pending.getExpiresAt().atOffset(ZoneOffset.UTC));
  }
}
