package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.namss.recert.security.Authorities;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** No SMTP host (the embedded default): every message goes to the outbox, which staff read. */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:notifier-outbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
    "spring.flyway.target=2",
    "spring.mail.host="})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = NotificationTestConfig.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ExtendWith(OutputCaptureExtension.class)
class NotifierOutboxTest {

  @Autowired Notifier notifier;
  @Autowired MailMessageRepository repository;
  @Autowired OutboxController outbox;

  @BeforeEach
  void clean() {
    repository.deleteAll();
  }

  @AfterEach
  void logout() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void withoutAnSmtpHostTheMessageIsKeptInTheOutboxAndLoggedWithoutPersonalData(CapturedOutput output) {
    MailFacts.Case c = MailFacts.of(MailTemplate.INVOICE_PLACED);

    Long id = notifier.send(MailTemplate.INVOICE_PLACED, "ana.private@example.org", "Ana Secretname", c.facts(),
        "invoice:INV-2026-000123");

    assertThat(notifier.smtpConfigured()).isFalse();
    MailMessage stored = repository.findById(id).orElseThrow();
    assertThat(stored.getStatus()).isEqualTo(MailStatus.OUTBOX);
    assertThat(stored.getSentAt()).isNull();
    assertThat(stored.getRecipient()).isEqualTo("ana.private@example.org");
    assertThat(stored.getSubject()).isEqualTo(c.subject());
    assertThat(stored.getTextBody()).contains("Dear Ana Secretname,", "$1,300.00");
    assertThat(stored.getHtmlBody()).contains("$1,300.00");
    assertThat(output.getAll()).contains("Mail " + id + " (INVOICE_PLACED) kept in the outbox")
        .doesNotContain("ana.private@example.org", "Secretname");
  }

  @Test
  void theOutboxIsIdempotentToo() {
    MailFacts.Case c = MailFacts.of(MailTemplate.EXPIRED);

    Long first = notifier.send(MailTemplate.EXPIRED, "ana@example.org", "Ana", c.facts(), "expired:cert-1");
    Long second = notifier.send(MailTemplate.EXPIRED, "ana@example.org", "Ana", c.facts(), "expired:cert-1");

    assertThat(second).isEqualTo(first);
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void staffReadTheOutboxPagedAndFilteredByRecipient() {
    for (int i = 0; i < 3; i++) {
      notifier.send(MailTemplate.EXPIRED, "ana@example.org", "Ana", MailFacts.of(MailTemplate.EXPIRED).facts(),
          "ana-" + i);
    }
    notifier.send(MailTemplate.EXPIRED, "bob@example.org", "Bob", MailFacts.of(MailTemplate.EXPIRED).facts(), "bob");
    loginAs(Groups.STAFF);

    OutboxController.MailPage page = outbox.list(" Ana@Example.org ", null, null, 0, 2);

    assertThat(page.totalItems()).isEqualTo(3);
    assertThat(page.totalPages()).isEqualTo(2);
    assertThat(page.items()).hasSize(2).allSatisfy(m -> {
      assertThat(m.recipient()).isEqualTo("ana@example.org");
      assertThat(m.status()).isEqualTo(MailStatus.OUTBOX);
      assertThat(m.textBody()).contains("apply as a new candidate");
    });
    assertThat(outbox.list(null, MailStatus.OUTBOX, MailTemplate.EXPIRED, 0, 20).totalItems()).isEqualTo(4);
    assertThat(outbox.list(null, MailStatus.SENT, null, 0, 20).items()).isEmpty();
    assertThat(outbox.get(page.items().get(0).id()).htmlBody()).contains("<p>Dear Ana,</p>");
  }

  @Test
  void onlyStaffReadTheOutbox() {
    loginAs(Groups.CERTIFICANTS);

    assertThatThrownBy(() -> outbox.list(null, null, null, 0, 20))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThatThrownBy(() -> outbox.get(1L)).isInstanceOf(ApiException.class);
  }

  static void loginAs(String group) {
    var authentication = new UsernamePasswordAuthenticationToken("user", null, List.of());
    authentication.setDetails(new ApiUser("user", "user@example.org", List.of(Authorities.group(group))));
    SecurityContextHolder.getContext().setAuthentication(authentication);
  }
}
