package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * A card payment's reference is the payment provider's charge id: it pays one invoice, once. A reference already
 * recorded is refused with 409 and nothing is stored, whether the API's check finds it or, when two confirmations
 * race past that check, the database's unique index (V4) does.
 */
class CardPaymentApiTest extends ApiTestSupport {

  static final int YEAR = 2026;

  @Autowired RenewalService renewals;
  @Autowired BillingService billing;

  Caller provider;

  /** A submitted renewal whose invoice waits for its payment. */
  record Due(Certificant certificant, String pid, Invoice invoice) {}

  @BeforeEach
  void paymentProvider() {
    setClock(LocalDate.of(YEAR, 11, 20));
    provider = newUser(Groups.PAYMENT_SERVICE, null);
  }

  @Test
  @DisplayName("A card reference already recorded pays no other invoice: 409 naming the reference, nothing stored")
  void reusedReferenceRefused() {
    Due ann = due("Ann");
    Due bob = due("Bob");
    String reference = reference();
    Response first = pay(ann, reference);
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    Map<String, Long> before = snapshot();

    Response again = pay(bob, reference);

    assertProblem(again, 409, "card reference " + reference, "already recorded");
    assertThat(again.detail()).doesNotContain(ann.certificant().getNumber())
        .doesNotContain(ann.invoice().getInvoiceNumber());
    assertThat(snapshot()).isEqualTo(before);
    assertStillDue(bob);
  }

  @Test
  @DisplayName("Two confirmations with one reference at once: the unique index refuses the later with the same 409")
  void raceOnTheIndexAnswersTheSame409() throws Exception {
    Due ann = due("Ann");
    Due bob = due("Bob");
    String reference = reference();
    Response response;
    try (Connection other = jdbc.getDataSource().getConnection()) {
      // the other confirmation: Ann's payment with the reference, inserted and not yet committed, so the API's own
      // check cannot see it and its insert waits on the index
      other.setAutoCommit(false);
      try (PreparedStatement insert = other.prepareStatement("insert into payment (invoice_id, method, amount, "
          + "card_reference, received_on, recorded_by, recorded_at) values (?, 'CARD', ?, ?, ?, 'race', ?)")) {
        insert.setLong(1, ann.invoice().getId());
        insert.setBigDecimal(2, ann.invoice().getTotal());
        insert.setString(3, reference);
        insert.setDate(4, Date.valueOf(LocalDate.of(YEAR, 11, 20)));
        insert.setTimestamp(5, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
      CompletableFuture<Response> bobPays = CompletableFuture.supplyAsync(() -> pay(bob, reference));
      // (or until it answered without waiting, as it would with no index: the assertions below say what it answered)
      await("the API's insert waiting on the index").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20)).until(() -> bobPays.isDone() || paymentInsertWaits());
      other.commit();
      response = bobPays.get(60, TimeUnit.SECONDS);
    }

    assertProblem(response, 409, "card reference " + reference, "already recorded");
    assertThat(jdbc.queryForObject("select count(*) from payment where card_reference = ?", Long.class, reference))
        .isEqualTo(1);
    assertStillDue(bob);
  }

  private Due due(String firstName) {
    Certificant certificant = fixtures.cpcs(firstName, "Card", YEAR);
    fixtures.enoughForSingle(certificant, YEAR);
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(certificant, YEAR);
    executeDueJobs(pid);
    return new Due(certificant, pid, billing.invoicesOf(certificant.getId()).get(0));
  }

  /** A reference of this run: the tests sharing the database never recorded it. */
  private static String reference() {
    return "ch_" + UUID.randomUUID().toString().replace("-", "");
  }

  private Response pay(Due due, String reference) {
    return postJson("/api/certificants/" + due.certificant().getNumber() + "/invoices/"
        + due.invoice().getInvoiceNumber() + "/card-payments", provider,
        Map.of("amount", due.invoice().getTotal(), "cardReference", reference));
  }

  /** The invoice is open without a payment, and the renewal still waits for it. */
  private void assertStillDue(Due due) {
    assertThat(billing.invoice(due.invoice().getId()).getStatus()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(billing.paymentsOf(due.invoice().getId())).isEmpty();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(due.pid()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("UserTask_RecordCheckPayment");
  }

  /** Whether a session is inside an insert into payment, waiting for the test's uncommitted row. */
  private boolean paymentInsertWaits() {
    String database = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
    String sql = "PostgreSQL".equals(database)
        ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            + "and lower(query) like 'insert into payment%'"
        : "select count(*) from information_schema.sessions "
            + "where lower(executing_statement) like 'insert into payment%'";
    return jdbc.queryForObject(sql, Long.class) > 0;
  }
}
