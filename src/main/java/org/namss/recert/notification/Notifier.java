package org.namss.recert.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.namss.recert.config.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Sends the product's mail. Every message is rendered from its {@link MailTemplate} and stored in
 * {@code mail_message}; then:
 *
 * <ul>
 *   <li>with an SMTP host ({@code spring.mail.host}, from SMTP_HOST), it is sent within the call as
 *       multipart/alternative (plain text and HTML), on a connection kept open between messages
 *       ({@link SmtpConnections}). A failure throws {@link MailDeliveryException}, so the caller's job retries; the
 *       row is kept as FAILED with the attempt count and the error, never as SENT;</li>
 *   <li>without one (the embedded default), it stays in the outbox (status OUTBOX) for staff to read through
 *       {@code GET /api/outbox}; it is never dropped.</li>
 * </ul>
 *
 * Logs above DEBUG carry no address and no name: only message ids, templates and kinds of failure.
 */
@Service
public class Notifier implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");
  static final int MAX_DEDUP_KEY = 200;
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    // Jakarta Mail 2.1 looks its StreamProvider up anew for every MimeBodyPart and MimeMultipart it makes, through a
    // ServiceLoader that reads META-INF/services of every jar on the class path (jakartaee/mail-api #699 and #861,
    // open): a profile of the season benchmark found it in every message. Its look-up reads this system property
    // first; naming Angus Mail's provider (the implementation Spring Boot's mail starter brings) makes it a class
    // look-up. A value set by the operator is kept.
    if (System.getProperty(STREAM_PROVIDER) == null
        && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, Notifier.class.getClassLoader())) {
      System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
    }
  }

  private final MailMessageRepository repository;
  private final MailRenderer renderer;
  private final ObjectProvider<JavaMailSender> mailSender;
  /** Whether spring.mail.host is set: read once, since a profile found the property look-up in every send. */
  private final boolean smtpHost;
  private volatile Smtp cachedSmtp;
  private final NotificationProperties properties;
  private final TimeSource time;
  private final TransactionTemplate separateTransaction;

  public Notifier(MailMessageRepository repository, MailRenderer renderer, ObjectProvider<JavaMailSender> mailSender,
      Environment environment, NotificationProperties properties, TimeSource time,
      PlatformTransactionManager transactionManager) {
    this.repository = repository;
    this.renderer = renderer;
    this.mailSender = mailSender;
    this.smtpHost = StringUtils.hasText(environment.getProperty("spring.mail.host"));
    this.properties = properties;
    this.time = time;
    this.separateTransaction = new TransactionTemplate(transactionManager);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Renders and sends (or queues) one message. dedupKey makes it idempotent: a second call with the same key
   * sends nothing and returns the existing message id.
   *
   * @param template which message
   * @param recipient one e-mail address
   * @param recipientName the name to greet and to put in the To header (may be null)
   * @param facts the template's facts, see {@link MailTemplate}; HTML-escaped in the HTML body
   * @param dedupKey the caller's idempotency key (at most 200 characters), e.g.
   *     {@code "INVOICE_PLACED:invoice-123"} or the process instance id and activity id
   * @return the id of the stored message
   * @throws IllegalArgumentException when an argument is invalid or a fact is missing (retrying will not help)
   * @throws MailDeliveryException when the SMTP server does not accept the message
   */
  @Transactional
  public Long send(MailTemplate template, String recipient, String recipientName, Map<String, Object> facts,
      String dedupKey) {
    if (template == null) {
      throw new IllegalArgumentException("A mail template is required");
    }
    if (!StringUtils.hasText(dedupKey) || dedupKey.length() > MAX_DEDUP_KEY) {
      throw new IllegalArgumentException("A dedup key of 1 to " + MAX_DEDUP_KEY + " characters is required");
    }
    String address = address(recipient);
    List<String> missing = MailRenderer.missingFacts(template, facts);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Mail " + template + " needs the facts " + missing);
    }

    Optional<MailMessage> existing = repository.findByDedupKey(dedupKey);
    if (existing.isPresent() && existing.get().getStatus() != MailStatus.FAILED) {
      LOG.debug("Mail {} ({}) already {} for this dedup key: nothing sent", existing.get().getId(), template,
          existing.get().getStatus());
      return existing.get().getId();
    }

    String name = recipientName == null ? null : MailRenderer.oneLine(recipientName);
    RenderedMail mail = renderer.render(template, context(facts, name));
    MailMessage message = existing.orElse(null);

    Optional<Smtp> smtp = smtp();
    if (smtp.isEmpty()) {
      if (message == null) {
        message = new MailMessage(dedupKey, template, address, mail, MailStatus.OUTBOX, time.now());
      } else {
        message.content(mail);
        message.toOutbox();
      }
      Long id = repository.saveAndFlush(message).getId();
      LOG.info("Mail {} ({}) kept in the outbox: no SMTP host is configured", id, template);
      return id;
    }

    try {
      smtp.get().send(mime(smtp.get().sender(), address, name, mail, messageId(dedupKey, properties.from())));
    } catch (MailException | MessagingException | UnsupportedEncodingException e) {
      Long id = recordFailure(message == null ? null : message.getId(), dedupKey, template, address, mail, e);
      String kind = e.getClass().getSimpleName() + ": " + withoutAddresses(e.getMessage());
      LOG.warn("Mail {} ({}) was not accepted by the SMTP server: {}", id, template, kind);
      LOG.debug("SMTP failure of mail {}", id, e);
      throw new MailDeliveryException("SMTP delivery of mail " + id + " (" + template + ") failed: " + kind,
          recipientRefused(e));
    }
    // Recorded as SENT in a transaction of its own, committed right after the SMTP server's answer: if the caller's
    // transaction (the job's) then fails or the JVM dies, the retry finds SENT and sends nothing again.
    Long id = recordSent(message == null ? null : message.getId(), dedupKey, template, address, mail);
    LOG.info("Mail {} ({}) sent", id, template);
    return id;
  }

  private Long recordSent(Long existingId, String dedupKey, MailTemplate template, String address,
      RenderedMail mail) {
    return separateTransaction.execute(status -> {
      MailMessage stored = existingId == null
          ? new MailMessage(dedupKey, template, address, mail, MailStatus.SENT, time.now())
          : repository.findById(existingId).orElseThrow();
      stored.content(mail);
      stored.sent(time.now());
      return repository.saveAndFlush(stored).getId();
    });
  }

  /**
   * The Message-ID of the message with this dedup key: the same on every attempt, so that the one duplicate a
   * crash can cause (the SMTP server accepted, the process died before recording it) is recognisable as the same
   * message by mail stores and clients (RFC 5322 3.6.4).
   */
  static String messageId(String dedupKey, String from) {
    String domain = from != null && from.indexOf('@') > 0 ? from.substring(from.indexOf('@') + 1) : "recert.local";
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(dedupKey.getBytes(StandardCharsets.UTF_8));
      return "<" + java.util.HexFormat.of().formatHex(hash, 0, 16) + ".recert@" + domain + ">";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether mail goes out through SMTP (a host is configured) rather than to the outbox. */
  public boolean smtpConfigured() {
    return smtp().isPresent();
  }

  private Optional<Smtp> smtp() {
    if (!smtpHost) {
      return Optional.empty();
    }
    Smtp resolved = cachedSmtp;
    if (resolved == null) {
      synchronized (this) {
        resolved = cachedSmtp;
        if (resolved == null) {
          // looked up on first use and kept: the provider resolves the bean anew on every call (a profile found it)
          JavaMailSender sender = mailSender.getIfAvailable();
          resolved = sender == null ? null : new Smtp(sender,
              sender instanceof JavaMailSenderImpl impl && properties.connections().max() > 0
                  ? new SmtpConnections(impl, properties.connections()) : null);
          cachedSmtp = resolved;
        }
      }
    }
    return Optional.ofNullable(resolved);
  }

  /** Closes the SMTP connections kept open (QUIT). */
  @Override
  public void destroy() {
    Smtp smtp = cachedSmtp;
    if (smtp != null && smtp.connections() != null) {
      smtp.connections().close();
    }
  }

  /**
   * The configured mail sender, and the connections kept open on its server when it is Spring Boot's
   * {@link JavaMailSenderImpl} and {@code recert.mail.connections.max} is not 0 (otherwise the sender opens a
   * connection per message, as does another {@link JavaMailSender} bean).
   */
  private record Smtp(JavaMailSender sender, SmtpConnections connections) {
    void send(MimeMessage message) throws MessagingException {
      if (connections != null) {
        connections.send(message);
      } else {
        sender.send(message);
      }
    }
  }

  /** The connections kept open on the SMTP server, if mail goes out through them (for tests). */
  Optional<SmtpConnections> connections() {
    return smtp().map(Smtp::connections);
  }

  /**
   * Keeps the failed attempt in a transaction of its own, so that it survives the rollback of the caller's:
   * staff see it, and the caller's retry finds and reuses the row.
   */
  private Long recordFailure(Long existingId, String dedupKey, MailTemplate template, String address,
      RenderedMail mail, Exception e) {
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    return separateTransaction.execute(status -> {
      MailMessage stored = existingId == null
          ? new MailMessage(dedupKey, template, address, mail, MailStatus.FAILED, time.now())
          : repository.findById(existingId).orElseThrow();
      stored.content(mail);
      stored.failed(error);
      return repository.saveAndFlush(stored).getId();
    });
  }

  private Map<String, Object> context(Map<String, Object> facts, String recipientName) {
    Map<String, Object> context = new LinkedHashMap<>(facts);
    context.put("recipientName", StringUtils.hasText(recipientName) ? recipientName : "certificant");
    context.put("team", properties.team());
    return context;
  }

  private MimeMessage mime(JavaMailSender sender, String address, String name, RenderedMail mail, String messageId)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage mime = new MimeMessage(sender.createMimeMessage().getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    mime.setFrom(new InternetAddress(properties.from(), properties.fromName(), StandardCharsets.UTF_8.name()));
    mime.setRecipient(MimeMessage.RecipientType.TO, StringUtils.hasText(name)
        ? new InternetAddress(address, name, StandardCharsets.UTF_8.name()) : new InternetAddress(address));
    mime.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(java.util.Date.from(time.now()));
    mime.setHeader("Auto-Submitted", "auto-generated");

    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.textBody(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.htmlBody(), StandardCharsets.UTF_8.name(), "html");
    Multipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text); // the last part is the preferred one (RFC 2046): HTML
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    return mime;
  }

  /** One plain address, stored in lower case (as certificant addresses are, R2). */
  private static String address(String recipient) {
    if (!StringUtils.hasText(recipient)) {
      throw new IllegalArgumentException("A recipient address is required");
    }
    try {
      InternetAddress parsed = new InternetAddress(recipient.strip(), true);
      parsed.validate();
      if (parsed.getPersonal() != null || parsed.isGroup() || parsed.getAddress().length() > 254) {
        throw new AddressException("not a single plain address");
      }
      return parsed.getAddress().toLowerCase(Locale.ROOT);
    } catch (AddressException e) {
      throw new IllegalArgumentException("The recipient is not a valid e-mail address");
    }
  }

  /**
   * Whether the failure is the SMTP server refusing the recipient for good: Jakarta Mail reports a 5xx answer to
   * RCPT TO as an invalid address of a {@link jakarta.mail.SendFailedException} (a 4xx one as "valid, unsent"), which
   * Spring wraps in a {@link org.springframework.mail.MailSendException} per failed message.
   */
  static boolean recipientRefused(Exception failure) {
    Deque<Throwable> pending = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    pending.push(failure);
    while (!pending.isEmpty()) {
      Throwable t = pending.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SendFailedException sent && sent.getInvalidAddresses() != null
          && sent.getInvalidAddresses().length > 0) {
        return true;
      }
      if (t instanceof MailSendException spring) {
        spring.getFailedMessages().values().forEach(pending::push);
      }
      if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
        pending.push(messaging.getNextException());
      }
      if (t.getCause() != null) {
        pending.push(t.getCause());
      }
    }
    return false;
  }

  static String withoutAddresses(String text) {
    return text == null ? "" : EMAIL.matcher(text).replaceAll("<address>");
  }
}
