package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A relay that refuses a recipient, answering RCPT TO on a connection that has already carried a message (as a
 * kept-open connection has), against a real SMTP server in the JVM (SubEthaSMTP: GreenMail accepts every address).
 * For good (5xx) the refusal reaches the caller as such, so the notice is counted as undeliverable and not retried
 * (R23, {@link Notifier#recipientRefused}); for now (4xx) it is a failure the job retries. Neither is sent again on a
 * new connection here, and the next message goes out.
 */
class SmtpRefusalTest {

  static final String GONE = "gone@example.org";
  static final String BUSY = "busy@example.org";

  /** How often {@value #BUSY} is still to be refused. */
  private final AtomicInteger busyRefusals = new AtomicInteger(1);
  /** Who the server accepted a message for, and its subject line, in order. */
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private SMTPServer server;
  private JavaMailSenderImpl sender;
  private SmtpConnections connections;

  @BeforeEach
  void start() {
    server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("relay.example.org")
        .messageHandlerFactory(Relay::new).build();
    server.start();
    sender = SmtpConnectionsTest.sender(server.getPortAllocated());
    int max = 2;
    int messagesPerConnection = 100;
    Duration idleTimeout = Duration.ofMinutes(1);
    Duration checkAfter = Duration.ofMinutes(1); // no NOOP check before a message: the refusal comes at RCPT TO
    connections = new SmtpConnections(sender,
        new NotificationProperties.Connections(max, messagesPerConnection, idleTimeout, checkAfter));
  }

  @AfterEach
  void stop() {
    if (connections != null) {
      connections.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  /** Refuses {@value #GONE} for good and {@value #BUSY} once for now at RCPT TO; accepts everyone else. */
  private final class Relay implements MessageHandler {
    private final List<String> recipients = new CopyOnWriteArrayList<>();

    Relay(MessageContext context) {}

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) throws RejectException {
      if (GONE.equals(recipient)) {
        throw new RejectException(550, "5.1.1 <" + recipient + ">: Recipient address rejected: User unknown");
      }
      if (BUSY.equals(recipient) && busyRefusals.getAndDecrement() > 0) {
        throw new RejectException(451, "4.2.0 <" + recipient + ">: Recipient mailbox busy, try again later");
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException {
      MimeMessage received;
      try {
        received = new MimeMessage(Session.getInstance(new Properties()), data);
        recipients.forEach(recipient -> delivered.add(recipient + " " + subject(received)));
      } catch (jakarta.mail.MessagingException e) {
        throw new IOException(e);
      }
      return null;
    }

    @Override
    public void done() {}

    private String subject(MimeMessage message) {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private MimeMessage message(String to, String subject) throws Exception {
    MimeMessage message = sender.createMimeMessage();
    message.setFrom(new InternetAddress("recert@namss.example"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject);
    message.setText("Dear certificant,");
    return message;
  }

  @Test
  @DisplayName("R23: a recipient refused for good on a reused connection is reported as refused, not sent again; "
      + "the next message goes out")
  void refusedForGoodOnAReusedConnection() throws Exception {
    connections.send(message("ana@example.org", "Message 1"));
    assertThat(connections.opened()).isEqualTo(1);

    SendFailedException refused = catchThrowableOfType(SendFailedException.class,
        () -> connections.send(message(GONE, "Message 2")));

    assertThat(refused).as("the refusal reaches the caller").isNotNull();
    assertThat(refused.getInvalidAddresses()).extracting(Object::toString).containsExactly(GONE);
    assertThat(Notifier.recipientRefused(refused)).as("refused for good: no retry can help").isTrue();
    assertThat(connections.triedAgain()).as("the server's answer, not the connection's: not tried again").isZero();

    connections.send(message("ben@example.org", "Message 3"));

    assertThat(delivered).containsExactly("ana@example.org Message 1", "ben@example.org Message 3");
    assertThat(connections.opened()).as("the connection the refusal came on is closed; the next message gets "
        + "a new one").isEqualTo(2);
  }

  @Test
  @DisplayName("R23: a recipient refused for now (4xx) on a reused connection is a failure the job retries, and the "
      + "retry is delivered once the server accepts")
  void refusedForNowOnAReusedConnection() throws Exception {
    connections.send(message("ana@example.org", "Message 1"));

    SendFailedException later = catchThrowableOfType(SendFailedException.class,
        () -> connections.send(message(BUSY, "Message 2")));

    assertThat(later).isNotNull();
    assertThat(later.getInvalidAddresses()).as("no address refused for good").isNullOrEmpty();
    assertThat(later.getValidUnsentAddresses()).extracting(Object::toString).containsExactly(BUSY);
    assertThat(Notifier.recipientRefused(later)).as("may pass later: the job retries").isFalse();
    assertThat(connections.triedAgain()).isZero();
    assertThat(delivered).containsExactly("ana@example.org Message 1");

    connections.send(message(BUSY, "Message 2")); // the job's retry
    assertThat(delivered).containsExactly("ana@example.org Message 1", BUSY + " Message 2");
  }
}
