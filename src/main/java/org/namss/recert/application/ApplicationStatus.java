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
  WITHDRAWN
}
