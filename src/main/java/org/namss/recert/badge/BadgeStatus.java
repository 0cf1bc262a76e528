package org.namss.recert.badge;

/** Where the badge of one renewed certification stands. */
public enum BadgeStatus {
  /** Credly is not configured (or has no template for the certification): recorded for staff, never dropped. */
  PENDING_CONFIGURATION,
  /** Issued through Credly by this call. */
  ISSUED,
  /** Credly already had this badge (a retry, or issued before): nothing issued twice. */
  ALREADY_ISSUED,
  /** Ended on lapse (R25). */
  REVOKED
}
