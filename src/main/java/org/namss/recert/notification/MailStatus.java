package org.namss.recert.notification;

/** Where a stored message stands. */
public enum MailStatus {
  /** No SMTP host is configured: kept for staff to read and forward; never dropped. */
  OUTBOX,
  /** Accepted by the SMTP server. */
  SENT,
  /** The last SMTP attempt failed; the caller's retry sends it again. */
  FAILED
}
