package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.namss.recert.support.NoDelayGreenMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** recert.mail.connections.max=0: no connection kept open, each message sent as Spring's JavaMailSenderImpl sends. */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:notifier-per-message;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH",
    "spring.flyway.target=2",
    "spring.mail.host=127.0.0.1",
    "recert.mail.connections.max=0"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = NotificationTestConfig.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class NotifierConnectionPerMessageTest {

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

  @Test
  void sendsEachMessageOnAConnectionOfItsOwn() throws Exception {
    for (int i = 1; i <= 2; i++) {
      notifier.send(MailTemplate.APPLICATION_RECEIVED, "ana@example.org", "Ana",
          MailFacts.of(MailTemplate.APPLICATION_RECEIVED).facts(), "test:per-message:" + i);
    }

    assertThat(notifier.connections()).as("no connections kept").isEmpty();
    assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject).hasSize(2);
    assertThat(repository.findAll()).extracting(MailMessage::getStatus).containsOnly(MailStatus.SENT);
  }
}
