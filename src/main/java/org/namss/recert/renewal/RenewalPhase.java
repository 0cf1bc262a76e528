package org.namss.recert.renewal;

/** Where one certificant's renewal of one year stands. */
public enum RenewalPhase {
  /** Opened (1 August, R1a): waiting for the application. */
  OPEN,
  SUBMITTED,
  /** An approved extension runs until 1 June (R21). */
  EXTENDED,
  /** Lapsed on 1 January (or 2 June after an extension); reinstatement possible until 30 June (R25, R26). */
  LAPSED,
  COMPLETED,
  /** For good: a new candidate must pass the exam (R27). */
  EXPIRED
}
