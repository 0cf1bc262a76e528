package org.namss.recert.badge;

import java.time.OffsetDateTime;

/**
 * The badge of one renewed certification (R19). The name goes to Credly exactly as given: the profile's (R24).
 *
 * @param certificationType "CPCS" or "CPMSM"
 * @param renewalYear the renewal year whose recertification earned the badge
 * @param issuedAt when the recertification was approved
 * @param expiresAt the end of the new cycle (null: the Credly template's default)
 */
public record BadgeRequest(Long certificantId, String certificantNumber, String firstName, String lastName,
    String recipientEmail, String certificationType, int renewalYear, OffsetDateTime issuedAt,
    OffsetDateTime expiresAt) {

  @Override
  public String toString() {
    // no name, no address: a request may end up in a log line or an incident
    return "BadgeRequest[certificantId=" + certificantId + ", certificationType=" + certificationType
        + ", renewalYear=" + renewalYear + "]";
  }
}
