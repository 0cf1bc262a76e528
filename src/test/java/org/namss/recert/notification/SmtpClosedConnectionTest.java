package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A kept-open SMTP connection the server has closed, seen as the client sees it when the server's FIN is read before
 * any reset: the next command gets no answer, which Jakarta Mail reports as a {@link SendFailedException} with
 * {@code [EOF]} rather than an {@code IOException}. It must be tried again on a new connection like any dead one
 * ({@link SmtpConnectionsTest} stops a real server, where either can happen depending on timing; here it is always
 * the EOF). The server is a scripted one on loopback: no SMTP server library closes half a connection on cue.
 */
class SmtpClosedConnectionTest {

  private ClosingServer server;
  private SmtpConnections connections;

  @BeforeEach
  void start() throws IOException {
    server = new ClosingServer();
    JavaMailSenderImpl sender = SmtpConnectionsTest.sender(server.port());
    connections = new SmtpConnections(sender,
        new NotificationProperties.Connections(4, 100, Duration.ofMinutes(1), Duration.ofHours(1)));
  }

  @AfterEach
  void stop() throws IOException {
    connections.close();
    server.close();
  }

  @Test
  void aConnectionClosedByTheServerAnswersEofAndTheMessageGoesOutOnANewOne() throws Exception {
    connections.send(message(1));

    connections.send(message(2));

    assertThat(server.delivered).containsExactly("Message 1", "Message 2");
    assertThat(connections.opened()).as("the closed one, then a new one").isEqualTo(2);
    assertThat(connections.triedAgain()).isEqualTo(1);
  }

  @Test
  void noAnswerAndClosingTheChannelAreTheConnectionsFailureARefusalIsTheServersAnswer() {
    assertThat(SmtpConnections.connectionLost(answer(-1, "[EOF]"))).isTrue();
    assertThat(SmtpConnections.connectionLost(answer(421, "421 4.3.2 Shutting down"))).isTrue();
    assertThat(SmtpConnections.connectionLost(new MessagingException("IOException while sending message"))).isTrue();
    assertThat(SmtpConnections.connectionLost(answer(550, "550 5.7.1 Rejected"))).isFalse();
    assertThat(SmtpConnections.connectionLost(answer(451, "451 4.3.0 Try again later"))).isFalse();
    assertThat(SmtpConnections.connectionLost(new SendFailedException("Invalid Addresses"))).isFalse();
  }

  private static SMTPSendFailedException answer(int code, String text) {
    return new SMTPSendFailedException("MAIL FROM:<certification@example.org>", code, text, null, null, null, null);
  }

  private static MimeMessage message(int i) throws MessagingException {
    return SmtpConnectionsTest.message(Session.getInstance(new Properties()), i);
  }

  /**
   * Answers SMTP on loopback; after the first message of the first connection it closes its sending side (FIN) and
   * reads on, so the client's next command is answered by end of stream, never by a reset.
   */
  private static final class ClosingServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    ClosingServer() throws IOException {
      Thread acceptor = new Thread(this::accept, "closing-smtp");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          int number = connections.incrementAndGet();
          Thread session = new Thread(() -> serve(client, number == 1), "closing-smtp-" + number);
          session.setDaemon(true);
          session.start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void serve(Socket client, boolean closeAfterFirstMessage) {
      try (client;
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
              StandardCharsets.US_ASCII));
          Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
        reply(out, "220 closing.example.org ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
          String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
          switch (command) {
            case "DATA" -> {
              reply(out, "354 End data with <CR><LF>.<CR><LF>");
              delivered.add(subject(in));
              reply(out, "250 2.0.0 OK");
              if (closeAfterFirstMessage) {
                client.shutdownOutput();
                while (in.readLine() != null) {
                  // reads what the client sends on the closed connection, so no reset goes back
                }
                return;
              }
            }
            case "QUIT" -> {
              reply(out, "221 2.0.0 Bye");
              return;
            }
            default -> reply(out, "250 OK");
          }
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    private static String subject(BufferedReader in) throws IOException {
      String subject = null;
      String line;
      while ((line = in.readLine()) != null && !".".equals(line)) {
        if (subject == null && line.startsWith("Subject: ")) {
          subject = line.substring("Subject: ".length());
        }
      }
      return subject;
    }

    private static void reply(Writer out, String line) throws IOException {
      out.write(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
