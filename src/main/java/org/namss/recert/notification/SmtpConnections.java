package org.namss.recert.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * The SMTP connections mail goes out on, kept open between messages (Apache Commons Pool). Spring's
 * {@link JavaMailSenderImpl#send} opens a connection for every call: connect, greeting, EHLO (and STARTTLS and AUTH
 * where the server asks for them) before the message, QUIT after it. Here a connection carries up to
 * {@code messagesPerConnection} messages; one unused for {@code checkAfter} is checked with NOOP before it carries
 * another, and one unused for {@code idleTimeout} is closed (well within the 5 minutes a server waits at least,
 * RFC 5321 4.5.3.2). Host, port, login and the {@code mail.smtp.*} properties are Spring Boot's
 * {@code spring.mail.*}, as before.
 *
 * <p>When a message fails on a connection that had carried one before (the server closed it, or was restarted),
 * the open connections are dropped and the message is tried once more on a new one, so a stale connection never
 * costs a job its retry. A refusal of the message or its recipient ({@link SendFailedException}) is the server's
 * answer, not the connection's, and is not tried again here ({@link #connectionLost}).
 */
final class SmtpConnections implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnections.class);
  /** SMTP's "service not available, closing transmission channel" (RFC 5321 4.2.3). */
  private static final int SERVICE_CLOSING = 421;

  private final JavaMailSenderImpl sender;
  private final int messagesPerConnection;
  private final Duration checkAfter;
  private final GenericObjectPool<Connection> pool;
  private final AtomicLong triedAgain = new AtomicLong();

  SmtpConnections(JavaMailSenderImpl sender, NotificationProperties.Connections settings) {
    this.sender = sender;
    this.messagesPerConnection = settings.messagesPerConnection();
    this.checkAfter = settings.checkAfter();
    GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(settings.max());
    config.setMaxIdle(settings.max());
    config.setMinIdle(0);
    config.setLifo(true); // the connection used last is the least likely to have been closed by the server
    config.setMaxWait(Duration.ofMillis(timeoutMillis(sender, "mail.smtp.connectiontimeout", 5_000)));
    config.setTestOnBorrow(true);
    config.setMinEvictableIdleDuration(settings.idleTimeout());
    config.setTimeBetweenEvictionRuns(settings.idleTimeout().dividedBy(2));
    config.setNumTestsPerEvictionRun(settings.max());
    config.setJmxEnabled(false);
    this.pool = new GenericObjectPool<>(new Factory(), config);
  }

  /** Sends one message as {@link JavaMailSenderImpl#send} would, on an open connection. */
  void send(MimeMessage message) throws MessagingException {
    prepare(message);
    Connection connection = borrow();
    try {
      sendOn(connection, message);
    } catch (MessagingException e) {
      if (connection.sent == 0 || !connectionLost(e)) {
        throw e;
      }
      LOG.info("SMTP connection used before failed ({}: {}): the open connections are dropped, the message is tried"
          + " once more on a new one", e.getClass().getSimpleName(), Notifier.withoutAddresses(e.getMessage()));
      pool.clear();
      triedAgain.incrementAndGet();
      sendOn(borrow(), message);
    }
  }

  /**
   * Whether the send failed because the connection is gone rather than because the server refused this message. A
   * {@link SendFailedException} is the server's answer, except when Jakarta Mail reports as one a command that got
   * no answer ({@code [EOF]}, return code -1: the server had closed the connection; which of this and an
   * {@code IOException} a closed connection gives depends on whether its reset arrives before the read) or the
   * answer 421 (the server is closing the channel, RFC 5321 3.8).
   */
  static boolean connectionLost(MessagingException e) {
    if (e instanceof SMTPSendFailedException answer) {
      return answer.getReturnCode() < 0 || answer.getReturnCode() == SERVICE_CLOSING;
    }
    return !(e instanceof SendFailedException);
  }

  /** Sends on the connection and returns it to the pool, or closes it if the send failed. */
  private void sendOn(Connection connection, MimeMessage message) throws MessagingException {
    try {
      connection.transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      invalidate(connection);
      throw e;
    }
    release(connection);
  }

  /** What {@link JavaMailSenderImpl} does before it sends: a sent date, and the Message-ID kept through saveChanges. */
  private static void prepare(MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
  }

  private Connection borrow() throws MessagingException {
    try {
      return pool.borrowObject();
    } catch (MessagingException e) {
      throw e;
    } catch (Exception e) {
      throw new MessagingException("No SMTP connection: " + e.getMessage(), e);
    }
  }

  private void release(Connection connection) {
    connection.sent++;
    if (connection.sent >= messagesPerConnection) {
      invalidate(connection);
    } else {
      pool.returnObject(connection);
    }
  }

  private void invalidate(Connection connection) {
    try {
      pool.invalidateObject(connection);
    } catch (Exception e) {
      LOG.debug("Closing an SMTP connection failed", e);
    }
  }

  /** Open connections now (for tests and the operators' figures). */
  int open() {
    return pool.getNumActive() + pool.getNumIdle();
  }

  /** Connections opened since start (for tests and the operators' figures). */
  long opened() {
    return pool.getCreatedCount();
  }

  /** Messages tried once more on a new connection after the one they were given failed (for tests). */
  long triedAgain() {
    return triedAgain.get();
  }

  @Override
  public void close() {
    pool.close(); // QUIT on every idle connection
  }

  private static long timeoutMillis(JavaMailSenderImpl sender, String property, long fallback) {
    String value = sender.getJavaMailProperties().getProperty(property);
    try {
      return StringUtils.hasText(value) ? Long.parseLong(value.strip()) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** One open SMTP session and how many messages it has carried. */
  private static final class Connection {
    private final Transport transport;
    private int sent;

    private Connection(Transport transport) {
      this.transport = transport;
    }
  }

  private final class Factory extends BasePooledObjectFactory<Connection> {

    /** Connects and logs in as {@code JavaMailSenderImpl.connectTransport} does (an empty user is no login). */
    @Override
    public Connection create() throws MessagingException {
      String username = sender.getUsername();
      String password = sender.getPassword();
      if ("".equals(username)) {
        username = null;
        if ("".equals(password)) {
          password = null;
        }
      }
      Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp"
          : sender.getProtocol());
      transport.connect(sender.getHost(), sender.getPort(), username, password);
      return new Connection(transport);
    }

    @Override
    public PooledObject<Connection> wrap(Connection connection) {
      return new DefaultPooledObject<>(connection);
    }

    /** Unused for less than checkAfter: taken as open. Longer: NOOP, and closed if the server does not answer 250. */
    @Override
    public boolean validateObject(PooledObject<Connection> pooled) {
      if (pooled.getObject().sent == 0 || pooled.getIdleDuration().compareTo(checkAfter) < 0) {
        return true;
      }
      return pooled.getObject().transport.isConnected(); // sends NOOP (RSET with mail.smtp.userset)
    }

    @Override
    public void destroyObject(PooledObject<Connection> pooled) {
      try {
        pooled.getObject().transport.close(); // QUIT
      } catch (MessagingException e) {
        LOG.debug("QUIT on an SMTP connection failed", e);
      }
    }
  }
}
