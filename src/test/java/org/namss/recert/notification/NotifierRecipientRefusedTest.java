package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/**
 * Which SMTP failures refuse the recipient for good (no retry of the same message can help) and which may pass
 * later, as Jakarta Mail and Spring report them.
 */
class NotifierRecipientRefusedTest {

  private static Address[] one(String address) throws Exception {
    return new Address[] {new InternetAddress(address)};
  }

  @Test
  @DisplayName("a 5xx answer to RCPT TO (an invalid address of the send) refuses the recipient for good")
  void permanentRefusal() throws Exception {
    SendFailedException refused = new SendFailedException("550 5.1.1 user unknown", null, new Address[0],
        new Address[0], one("gone@example.org"));
    assertThat(Notifier.recipientRefused(new MailSendException(Map.of("message", refused)))).isTrue();
    assertThat(Notifier.recipientRefused(new MessagingException("send failed", refused))).isTrue();
  }

  @Test
  @DisplayName("a 4xx answer (valid but unsent), a refused connection or an authentication failure may pass later")
  void transientFailures() throws Exception {
    SendFailedException later = new SendFailedException("451 4.3.0 try again later", null, new Address[0],
        one("busy@example.org"), new Address[0]);
    assertThat(Notifier.recipientRefused(new MailSendException(Map.of("message", later)))).isFalse();
    assertThat(Notifier.recipientRefused(new MailSendException("Mail server connection failed",
        new MessagingException("Couldn't connect", new ConnectException("Connection refused"))))).isFalse();
    assertThat(Notifier.recipientRefused(
        new org.springframework.mail.MailAuthenticationException("535 authentication failed"))).isFalse();
  }
}
