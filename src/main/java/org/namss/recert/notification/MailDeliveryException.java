package org.namss.recert.notification;

/**
 * The SMTP server did not accept a message. Thrown out of {@link Notifier#send} so that the caller's Camunda job
 * retries and finally raises an incident. The message names the stored message and the kind of failure, never
 * an address or a name (Camunda logs it); the full SMTP answer is in {@code mail_message.last_error}.
 */
public class MailDeliveryException extends RuntimeException {

  public MailDeliveryException(String message) {
    super(message);
  }
}
