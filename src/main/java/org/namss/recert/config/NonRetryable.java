package org.namss.recert.config;

/**
 * A failure that no retry of the same job can mend (Credly refusing the token or the request, an SMTP server
 * refusing the recipient for good): a job failing with it anywhere in its exception's causes gets no retries left at
 * once, so that Cockpit shows the incident now instead of after the model's whole retry cycle
 * ({@link NonRetryableJobFailures}). An exception class whose instances are not all permanent answers
 * {@link #nonRetryable()} per instance.
 */
public interface NonRetryable {

  /** Whether this failure is permanent; true unless the exception knows better. */
  default boolean nonRetryable() {
    return true;
  }
}
