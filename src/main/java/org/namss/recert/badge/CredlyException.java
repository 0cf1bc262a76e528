package org.namss.recert.badge;

/**
 * Credly refused a request, or the badge cannot be handled as asked. Retrying the same request will not help
 * (e.g. a wrong template id or token): the caller's job raises an incident for operations.
 */
public class CredlyException extends RuntimeException {

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
