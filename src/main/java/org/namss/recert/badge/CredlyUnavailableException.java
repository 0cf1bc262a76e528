package org.namss.recert.badge;

/**
 * Credly could not be reached or is overloaded (5xx, 429, 408, connection failure or timeout): the caller's job retries
 * later with the back-off of its BPMN retry cycle, and finally raises an incident.
 */
public class CredlyUnavailableException extends CredlyException {

  public CredlyUnavailableException(int status, String message) {
    super(status, message);
  }

  /** An outage passes: the job keeps its retry cycle. */
  @Override
  public boolean nonRetryable() {
    return false;
  }
}
