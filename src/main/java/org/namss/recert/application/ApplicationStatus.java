package org.namss.recert.application;

/** Where an application stands in its process. */
public enum ApplicationStatus {
  SUBMITTED,
  WAITING_FOR_CE,
  AWAITING_PAYMENT,
  IN_REVIEW,
  CHANGES_REQUESTED,
  APPROVED,
  REJECTED,
  /** Not complete (CE, payment) when its deadline passed: the renewal lapsed or expired with it (R25, R27). */
  NOT_COMPLETED,
  WITHDRAWN
}
