package org.namss.recert.notification;

/**
 * The SMTP server did not accept a message. Thrown out of {@link Notifier#send} so that the caller's Camunda job
 * retries and finally raises an incident. The message names the stored message and the kind of failure, never
 * an address or a name (Camunda logs it); the full SMTP answer is in {@code mail_message.last_error}.
 */
public class MailDeliveryException extends RuntimeException {

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
}
