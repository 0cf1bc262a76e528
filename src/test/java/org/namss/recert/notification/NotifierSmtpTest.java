package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.namss.recert.support.NoDelayGreenMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Mail through a real SMTP server in the JVM (GreenMail), stored in mail_message (Flyway schema on H2). */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:notifier-smtp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
    "spring.flyway.target=2",
    "spring.mail.host=127.0.0.1",
    "recert.mail.from=certification@example.org"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = NotificationTestConfig.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // like a Camunda job: the service's own transactions
class NotifierSmtpTest {

  /** Started before the Spring context (a test listener may load it before any JUnit extension runs). */
  static final GreenMail SMTP = new NoDelayGreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    SMTP.start();
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @Autowired Notifier notifier;
  @Autowired MailMessageRepository repository;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void clean() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    repository.deleteAll();
  }

  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void sendsEveryTemplateAsPlainTextAndHtml(MailTemplate template) throws Exception {
    MailFacts.Case c = MailFacts.of(template);

    Long id = notifier.send(template, "Ana.Diaz@Example.org", "Ana Díaz", c.facts(), "test:" + template);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("ana.diaz@example.org");
    assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
        .isEqualTo("Ana Díaz");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("certification@example.org");
    assertThat(mail.getSubject()).isEqualTo(c.subject());
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    String text = part(mail, "text/plain");
    String html = part(mail, "text/html");
    for (String expected : c.expected()) {
      assertThat(MailRendererTest.flat(text)).as("text part of %s", template).contains(expected);
      assertThat(MailRendererTest.flat(html)).as("HTML part of %s", template).contains(expected);
    }

    MailMessage stored = repository.findById(id).orElseThrow();
    assertThat(stored.getStatus()).isEqualTo(MailStatus.SENT);
    assertThat(stored.getSentAt()).isNotNull();
    assertThat(stored.getAttempts()).isEqualTo(1);
    assertThat(stored.getRecipient()).isEqualTo("ana.diaz@example.org");
    assertThat(stored.getSubject()).isEqualTo(c.subject());
    assertThat(stored.getTextBody()).isEqualTo(text.replace("\r\n", "\n"));
    assertThat(stored.getTemplate()).isEqualTo(template);
  }

  @Test
  void messagesOneAfterTheOtherGoOutOnOneSmtpConnection() throws Exception {
    SmtpConnections connections = notifier.connections().orElseThrow();
    long openedBefore = connections.opened();

    for (int i = 1; i <= 3; i++) {
      notifier.send(MailTemplate.APPLICATION_RECEIVED, "ana@example.org", "Ana",
          MailFacts.of(MailTemplate.APPLICATION_RECEIVED).facts(), "test:one-connection:" + i);
    }

    assertThat(SMTP.getReceivedMessages()).hasSize(3);
    assertThat(connections.opened() - openedBefore).as("connections opened for the 3 messages").isLessThanOrEqualTo(1);
    assertThat(connections.open()).isEqualTo(1);
  }

  /** recert.mail.connections.max=0: none kept open, each message sent as Spring's JavaMailSenderImpl sends. */
  @Nested
  @TestPropertySource(properties = "recert.mail.connections.max=0")
  class WithoutKeptConnections {

    @Autowired Notifier perMessage;
    @Autowired MailMessageRepository messages;

    @Test
    void sendsEachMessageOnAConnectionOfItsOwn() throws Exception {
      for (int i = 1; i <= 2; i++) {
        perMessage.send(MailTemplate.APPLICATION_RECEIVED, "ana@example.org", "Ana",
            MailFacts.of(MailTemplate.APPLICATION_RECEIVED).facts(), "test:per-message:" + i);
      }

      assertThat(perMessage.connections()).as("no connections kept").isEmpty();
      assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject).hasSize(2);
      assertThat(messages.findAll()).extracting(MailMessage::getStatus).containsOnly(MailStatus.SENT);
    }
  }

  @Test
  void namesAngusMailsStreamProviderSoThatJakartaMailNeedNotSearchForIt() {
    // docs/performance.md: without it, every message part costs a ServiceLoader scan of the class path
    assertThat(System.getProperty(Notifier.STREAM_PROVIDER)).isEqualTo(Notifier.ANGUS_STREAM_PROVIDER);
  }

  @Test
  void escapesStaffTextAndNamesInTheHtmlPart() throws Exception {
    notifier.send(MailTemplate.REJECTED, "eve@example.org", "Eve <script>x()</script>",
        Map.of("renewalYear", 2026, "reason", "Not eligible " + MailFacts.SCRIPT), "test:escape");

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    String html = part(mail, "text/html");
    assertThat(html).doesNotContain("<script>")
        .contains("Not eligible &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Dear Eve &lt;script&gt;x()");
    assertThat(part(mail, "text/plain")).contains("Not eligible " + MailFacts.SCRIPT);
  }

  @Test
  void aSecondSendWithTheSameKeySendsNothing() {
    MailFacts.Case c = MailFacts.of(MailTemplate.APPROVED);

    Long first = notifier.send(MailTemplate.APPROVED, "ana@example.org", "Ana", c.facts(), "approved:app-7");
    Long second = notifier.send(MailTemplate.APPROVED, "ana@example.org", "Ana", c.facts(), "approved:app-7");

    assertThat(second).isEqualTo(first);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void aFailedMessageIsSentByTheRetryOfItsKey() {
    MailFacts.Case c = MailFacts.of(MailTemplate.APPLICATION_RECEIVED);
    jdbc.update("insert into mail_message (dedup_key, template, recipient, subject, text_body, html_body, status,"
        + " created_at, attempts, last_error) values ('received:app-9', 'APPLICATION_RECEIVED', 'ana@example.org',"
        + " 's', 't', 'h', 'FAILED', current_timestamp, 1, 'MailSendException: Connection refused')");

    Long id = notifier.send(MailTemplate.APPLICATION_RECEIVED, "ana@example.org", "Ana", c.facts(), "received:app-9");

    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    MailMessage stored = repository.findById(id).orElseThrow();
    assertThat(stored.getStatus()).isEqualTo(MailStatus.SENT);
    assertThat(stored.getAttempts()).isEqualTo(2);
    assertThat(stored.getLastError()).isNull();
    assertThat(stored.getSubject()).isEqualTo(c.subject());
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void refusesWhatRetryingCannotFix() {
    Map<String, Object> facts = MailFacts.of(MailTemplate.EXPIRED).facts();
    assertThatThrownBy(() -> notifier.send(MailTemplate.EXPIRED, "not an address", "Ana", facts, "k1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> notifier.send(MailTemplate.EXPIRED, "Ana <ana@example.org>", "Ana", facts, "k2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> notifier.send(MailTemplate.EXPIRED, "ana@example.org", "Ana", facts, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> notifier.send(MailTemplate.LAPSED, "ana@example.org", "Ana", facts, "k3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renewalYear").hasMessageContaining("reinstatementDeadline");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(repository.count()).isZero();
  }

  static String part(MimeMessage mail, String type) throws Exception {
    MimeMultipart multipart = (MimeMultipart) mail.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType(type)) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }
}
