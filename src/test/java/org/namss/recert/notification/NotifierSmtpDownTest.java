package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** An SMTP host is configured but does not answer: the call throws, and the message is never recorded as sent. */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:notifier-down;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
    "spring.flyway.target=2",
    "spring.mail.host=127.0.0.1",
    "spring.mail.properties.mail.smtp.connectiontimeout=2000",
    "spring.mail.properties.mail.smtp.timeout=2000"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = NotificationTestConfig.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ExtendWith(OutputCaptureExtension.class)
class NotifierSmtpDownTest {

  @DynamicPropertySource
  static void closedPort(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free, and closed again: nothing listens there
    }
    registry.add("spring.mail.port", () -> port);
  }

  @Autowired Notifier notifier;
  @Autowired MailMessageRepository repository;
  @Autowired TransactionTemplate transaction;

  private final Map<String, Object> facts = MailFacts.of(MailTemplate.APPLICATION_RECEIVED).facts();

  @BeforeEach
  void clean() {
    repository.deleteAll();
  }

  @Test
  void anSmtpFailureThrowsAndIsKeptAsFailedNeverAsSent(CapturedOutput output) {
    assertThatThrownBy(() -> notifier.send(MailTemplate.APPLICATION_RECEIVED, "ana.private@example.org",
        "Ana Secretname", facts, "received:app-1"))
        .isInstanceOf(MailDeliveryException.class)
        .hasMessageContaining("APPLICATION_RECEIVED")
        .hasMessageNotContaining("ana.private@example.org");

    MailMessage stored = repository.findAll().get(0);
    assertThat(stored.getStatus()).isEqualTo(MailStatus.FAILED);
    assertThat(stored.getSentAt()).isNull();
    assertThat(stored.getAttempts()).isEqualTo(1);
    assertThat(stored.getLastError()).isNotBlank();

    // the caller's job retries: still failing, one row, two attempts
    assertThatThrownBy(() -> notifier.send(MailTemplate.APPLICATION_RECEIVED, "ana.private@example.org",
        "Ana Secretname", facts, "received:app-1")).isInstanceOf(MailDeliveryException.class);
    assertThat(repository.findAll()).singleElement()
        .satisfies(m -> assertThat(m.getAttempts()).isEqualTo(2))
        .satisfies(m -> assertThat(m.getStatus()).isEqualTo(MailStatus.FAILED));

    assertThat(output.getAll()).doesNotContain("ana.private@example.org", "Secretname");
  }

  @Test
  void theCallersTransactionRollsBackButTheFailedAttemptStays() {
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> notifier.send(
        MailTemplate.APPLICATION_RECEIVED, "ana@example.org", "Ana", facts, "received:app-2")))
        .isInstanceOf(MailDeliveryException.class);

    assertThat(repository.findAll()).singleElement()
        .satisfies(m -> assertThat(m.getStatus()).isEqualTo(MailStatus.FAILED));
  }
}
