package org.namss.recert.notification;

import org.namss.recert.config.NonRetryable;

/**
 * The SMTP server did not accept a message. Thrown out of {@link Notifier#send} so that the caller's Camunda job
 * retries and finally raises an incident; when the server refused the recipient for good ({@link #recipientRefused},
 * a 5xx answer such as "550 mailbox unavailable") the incident comes at once, since no retry to that address can
 * succeed ({@link NonRetryable}). The message names the stored message and the kind of failure, never an address
 * or a name (Camunda logs it); the full SMTP answer is in {@code mail_message.last_error}.
 */
public class MailDeliveryException extends RuntimeException implements NonRetryable {

  private final boolean recipientRefused;

  public MailDeliveryException(String message) {
    this(message, false);
  }

  public MailDeliveryException(String message, boolean recipientRefused) {
    super(message);
    this.recipientRefused = recipientRefused;
  }

  /**
   * Whether the SMTP server refused the recipient for good (a 5xx answer to RCPT TO, e.g. "user unknown"): a retry
   * of the same message to the same address will not help, where a server that is down or busy may accept it later.
   */
  public boolean recipientRefused() {
    return recipientRefused;
  }

  /** A recipient refused for good is an incident at once; a server down, busy or refusing for now is retried. */
  @Override
  public boolean nonRetryable() {
    return recipientRefused;
  }
}
