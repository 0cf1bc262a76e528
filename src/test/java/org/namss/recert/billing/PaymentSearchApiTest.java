package org.namss.recert.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.namss.recert.api.ApiTestSupport;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.rules.FeePurpose;
import org.namss.recert.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;

/** R14: certification staff find a payment by check number, amount and purpose ({@code GET /api/payments}). */
class PaymentSearchApiTest extends ApiTestSupport {

  @Autowired InvoiceRepository invoices;
  @Autowired PaymentRepository payments;

  Caller staff;
  Certificant anna;
  Certificant ben;
  /** Check numbers of this test's payments: unique per run, as other tests share the database. */
  String check1;
  String check2;
  /** An amount no other test pays: the run's number in dollars. */
  BigDecimal amount;

  @BeforeEach
  void payments() {
    setClock(LocalDate.of(2026, 12, 20));
    staff = newUser(Groups.STAFF, null);
    int run = ThreadLocalRandom.current().nextInt(100_000, 999_999);
    check1 = "1" + run;
    check2 = "2" + run;
    amount = new BigDecimal(run + ".37");
    anna = fixtures.cpcs("Anna", "Search", 2026);
    ben = fixtures.cpcs("Ben", "Search", 2026);
    Invoice annaRecert = invoice(anna, FeePurpose.RECERTIFICATION, amount);
    Invoice benExtension = invoice(ben, FeePurpose.EXTENSION, new BigDecimal("50.00"));
    Invoice benRecert = invoice(ben, FeePurpose.RECERTIFICATION, amount);
    Invoice annaSecond = invoice(anna, FeePurpose.RECERTIFICATION, amount);
    check(annaRecert, check1, amount, "Anna Search", LocalDate.of(2026, 11, 28));
    check(benExtension, check1, new BigDecimal("50.00"), "Ben Search", LocalDate.of(2026, 11, 30));
    check(benRecert, check2, amount, "Ben Search", LocalDate.of(2026, 12, 1));
    payments.save(Payment.byCard(annaSecond.getId(), amount, "card-" + run, LocalDate.of(2026, 12, 2), "anna",
        Instant.now()));
  }

  @Test
  @DisplayName("R14: by check number, number and amount, number and purpose: the matching checks with their invoice")
  void findByCheckNumberAmountAndPurpose() {
    assertThat(numbersAndPurposes(search("checkNumber=" + check1)))
        .containsExactly(check1 + " EXTENSION " + ben.getNumber(), check1 + " RECERTIFICATION " + anna.getNumber());

    JsonNode byNumberAndAmount = search("checkNumber=" + check1 + "&amount=" + amount.toPlainString());
    assertThat(byNumberAndAmount.path("totalItems").asLong()).isEqualTo(1);
    JsonNode found = byNumberAndAmount.path("items").get(0);
    assertThat(found.path("method").asText()).isEqualTo("CHECK");
    assertThat(found.path("amount").decimalValue()).isEqualByComparingTo(amount);
    assertThat(found.path("checkDate").asText()).isEqualTo("2026-11-27");
    assertThat(found.path("receivedOn").asText()).isEqualTo("2026-11-28");
    assertThat(found.path("payer").asText()).isEqualTo("Anna Search");
    assertThat(found.path("purpose").asText()).isEqualTo("RECERTIFICATION");
    assertThat(found.path("invoiceStatus").asText()).isEqualTo("OPEN");
    assertThat(found.path("certificantNumber").asText()).isEqualTo(anna.getNumber());
    assertThat(found.path("invoiceNumber").asText()).startsWith("T-");

    assertThat(numbersAndPurposes(search("checkNumber=" + check1 + "&purpose=EXTENSION")))
        .containsExactly(check1 + " EXTENSION " + ben.getNumber());
    // all three criteria at once; blanks around the number as staff may type it; 50 and 50.000 find 50.00
    for (String fifty : List.of("50", "50.000")) {
      assertThat(numbersAndPurposes(search("checkNumber=%20" + check1 + "%20&amount=" + fifty + "&purpose=EXTENSION")))
          .containsExactly(check1 + " EXTENSION " + ben.getNumber());
    }
    // an empty criterion means any, as in a form left partly blank
    assertThat(numbersAndPurposes(search("checkNumber=" + check1 + "&amount=&purpose=")))
        .containsExactly(check1 + " EXTENSION " + ben.getNumber(), check1 + " RECERTIFICATION " + anna.getNumber());
    assertThat(search("checkNumber=" + check1 + "&amount=50&purpose=RECERTIFICATION").path("totalItems").asLong())
        .isZero();
  }

  @Test
  @DisplayName("R14: by amount and purpose without a number: checks and card payments of that amount, newest first")
  void findByAmountAndPurpose() {
    JsonNode found = search("amount=" + amount.toPlainString() + "&purpose=RECERTIFICATION&size=100");
    List<String> ours = new ArrayList<>();
    for (JsonNode item : found.path("items")) {
      assertThat(item.path("amount").decimalValue()).isEqualByComparingTo(amount);
      assertThat(item.path("purpose").asText()).isEqualTo("RECERTIFICATION");
      ours.add(item.path("method").asText() + " " + item.path("receivedOn").asText());
    }
    assertThat(ours).containsSubsequence("CARD 2026-12-02", "CHECK 2026-12-01", "CHECK 2026-11-28");
  }

  @Test
  @DisplayName("R14: paged: one payment per page, the total counts every match")
  void paged() {
    JsonNode first = search("checkNumber=" + check1 + "&size=1");
    JsonNode second = search("checkNumber=" + check1 + "&size=1&page=1");
    assertThat(first.path("totalItems").asLong()).isEqualTo(2);
    assertThat(first.path("totalPages").asInt()).isEqualTo(2);
    assertThat(first.path("items")).hasSize(1);
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("id").asLong())
        .isNotEqualTo(first.path("items").get(0).path("id").asLong());
  }

  @ParameterizedTest(name = "GET /api/payments?{0}")
  @CsvSource(delimiter = '|', value = {
      "''|at least one of checkNumber, amount and purpose",
      "checkNumber=%20%20&amount=|at least one of checkNumber, amount and purpose",
      "checkNumber=1234567890123456789012345678901|at most 30 characters",
      "amount=0|more than 0",
      "amount=-5|more than 0",
      "amount=12.345|at most 2 decimals",
      "amount=100000000|at most 99999999.99",
      "amount=ten|amount",
      "purpose=LUNCH|purpose",
      "checkNumber=1&size=0|size",
      "checkNumber=1&page=-1|page"})
  @DisplayName("R14: a search that cannot be run is refused with 400 and what is wrong")
  void badSearchRefused(String query, String detail) {
    assertProblem(get("/api/payments?" + query, staff), 400, detail);
  }

  @Test
  @DisplayName("R14: only certification staff search payments")
  void onlyStaff() {
    Caller certificant = newUser(Groups.CERTIFICANTS, anna.primaryEmail());
    assertProblem(get("/api/payments?checkNumber=" + check1, certificant), 403, "staff");
    assertThat(get("/api/payments?checkNumber=" + check1, Caller.ANONYMOUS).status()).isEqualTo(401);
  }

  private JsonNode search(String query) {
    Response response = get("/api/payments?" + query, staff);
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json();
  }

  private static List<String> numbersAndPurposes(JsonNode page) {
    List<String> found = new ArrayList<>();
    page.path("items").forEach(item -> found.add(item.path("checkNumber").asText() + " "
        + item.path("purpose").asText() + " " + item.path("certificantNumber").asText()));
    return found;
  }

  private Invoice invoice(Certificant certificant, FeePurpose purpose, BigDecimal total) {
    Invoice invoice = new Invoice("T-" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999),
        certificant.getId(), null, purpose, Instant.now());
    invoice.addLine(purpose == FeePurpose.EXTENSION ? "EXTENSION_FEE" : "RECERTIFICATION_FEE", "Fee", total);
    return invoices.save(invoice);
  }

  private void check(Invoice invoice, String number, BigDecimal amount, String payer, LocalDate receivedOn) {
    payments.save(Payment.byCheck(invoice.getId(), amount, number, LocalDate.of(2026, 11, 27), payer, receivedOn,
        "staff", Instant.now()));
  }
}
