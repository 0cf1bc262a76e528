package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.namss.recert.support.NoDelayGreenMail;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP connections kept open between messages, against a real SMTP server in the JVM (GreenMail). */
class SmtpConnectionsTest {

  private int port;
  private GreenMail smtp;
  private JavaMailSenderImpl sender;
  private SmtpConnections connections;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    smtp = startServer();
    sender = sender(port);
  }

  /** Spring's mail sender for an SMTP server on this port of loopback, with short timeouts. */
  static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", "2000");
    properties.put("mail.smtp.timeout", "2000");
    sender.setJavaMailProperties(properties);
    return sender;
  }

  @AfterEach
  void stop() {
    if (connections != null) {
      connections.close();
    }
    smtp.stop();
  }

  @Test
  void messagesShareOneConnectionUpToTheLimitPerConnection() throws Exception {
    connections = connections(3, Duration.ofSeconds(30), Duration.ofHours(1));

    for (int i = 1; i <= 7; i++) {
      connections.send(message(i));
    }

    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactly("Message 1", "Message 2", "Message 3", "Message 4", "Message 5", "Message 6", "Message 7");
    assertThat(connections.opened()).as("3 messages per connection: 3 + 3 + 1").isEqualTo(3);
    assertThat(connections.open()).as("the third one stays open for the next message").isEqualTo(1);
  }

  @Test
  void keepsTheMessageIdTheCallerSet() throws Exception {
    connections = connections(100, Duration.ofSeconds(30), Duration.ofHours(1));
    MimeMessage message = message(1);
    message.setHeader("Message-ID", "<fixed.recert@example.org>");

    connections.send(message);

    assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo("<fixed.recert@example.org>");
  }

  @Test
  void aConnectionTheServerDroppedCostsNoMessageTheNextOneIsSentOnANewConnection() throws Exception {
    // check-after of an hour: the dead connection is not checked with NOOP first, the send on it fails
    connections = connections(100, Duration.ofSeconds(30), Duration.ofHours(1));
    connections.send(message(1));
    smtp.stop(); // the server goes away (restart, or its own idle timeout) with our connection open
    smtp = startServer();

    connections.send(message(2));

    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("Message 2");
    assertThat(connections.opened()).isEqualTo(2);
    assertThat(connections.triedAgain()).isEqualTo(1);
  }

  @Test
  void aConnectionUnusedForCheckAfterIsCheckedWithNoopBeforeItCarriesAMessage() throws Exception {
    connections = connections(100, Duration.ofSeconds(30), Duration.ZERO);
    connections.send(message(1));
    smtp.stop();
    smtp = startServer();

    connections.send(message(2));

    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("Message 2");
    assertThat(connections.opened()).isEqualTo(2);
    assertThat(connections.triedAgain()).as("the dead connection was found by NOOP, before the message").isZero();
  }

  @Test
  void anUnusedConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    connections = connections(100, Duration.ofMillis(300), Duration.ofHours(1));
    connections.send(message(1));
    assertThat(connections.open()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
  }

  @Test
  void withTheServerDownTheSendFailsAndNothingIsLeftOpen() throws Exception {
    connections = connections(100, Duration.ofSeconds(30), Duration.ofHours(1));
    smtp.stop();

    assertThatThrownBy(() -> connections.send(message(1))).isInstanceOf(MessagingException.class);
    assertThat(connections.open()).isZero();
    smtp = startServer();
  }

  private SmtpConnections connections(int perConnection, Duration idleTimeout, Duration checkAfter) {
    return new SmtpConnections(sender, new NotificationProperties.Connections(4, perConnection, idleTimeout,
        checkAfter));
  }

  private GreenMail startServer() {
    GreenMail server = new NoDelayGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private MimeMessage message(int i) throws MessagingException {
    return message(sender.getSession(), i);
  }

  /** Message i: from the association to ana{i}@example.org, subject "Message {i}". */
  static MimeMessage message(Session session, int i) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("certification@example.org"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("ana" + i + "@example.org"));
    message.setSubject("Message " + i);
    message.setText("Hello " + i);
    return message;
  }
}
