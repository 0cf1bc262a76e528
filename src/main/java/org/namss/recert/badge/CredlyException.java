package org.namss.recert.badge;

import org.namss.recert.config.NonRetryable;

/**
 * Credly refused a request, or the badge cannot be handled as asked. Retrying the same request will not help
 * (e.g. a wrong template id or token, a 4xx answer): the caller's job raises an incident for operations at once,
 * without its retry cycle ({@link NonRetryable}). Its subclass {@link CredlyUnavailableException} is the exception:
 * an outage, which the job retries.
 */
public class CredlyException extends RuntimeException implements NonRetryable {

  private final int status;

  public CredlyException(String message) {
    this(0, message);
  }

  public CredlyException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status Credly answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
