package org.namss.recert.billing;

import org.namss.recert.config.NonRetryable;

/**
 * R28: feeSchedule gave a recertification invoice no recertification fee line (a table the deploy check did not see,
 * e.g. one deployed before it existed, or on another node's older code). No invoice is placed: the step fails and, as
 * no retry mends a table, becomes an incident at once; once a corrected table is deployed, operations retry it.
 */
public class MissingRecertificationFeeException extends IllegalStateException implements NonRetryable {

  public MissingRecertificationFeeException(String message) {
    super(message);
  }
}
