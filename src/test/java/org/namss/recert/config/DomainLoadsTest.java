package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceRepository;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.billing.PaymentRepository;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantRepository;
import org.namss.recert.certificant.CertificationType;
import org.namss.recert.rules.FeePurpose;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The certificant and the invoice are loaded for every e-mail, delegate and task form, about 15 times per renewal
 * (docs/performance-history.md, thirteenth session): {@link EntityLoads} loads each in as few statements as the mapping
 * allows, with the collections in their mapped order, and none when the transaction already holds it.
 */
@DataJpaTest(showSql = false, properties = {
    "spring.datasource.url=jdbc:h2:mem:domain-loads;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
    "spring.jpa.properties.hibernate.generate_statistics=true"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = DomainLoadsTest.Slice.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DomainLoadsTest {

  @EntityScan(basePackageClasses = {Certificant.class, Invoice.class, RecertApplication.class})
  @EnableJpaRepositories(basePackageClasses = {CertificantRepository.class, InvoiceRepository.class,
      RecertApplicationRepository.class})
  static class Slice {}

  @Autowired CertificantRepository certificants;
  @Autowired InvoiceRepository invoices;
  @Autowired PaymentRepository payments;
  @Autowired RecertApplicationRepository applications;
  @Autowired EntityManagerFactory entityManagerFactory;
  @Autowired EntityManager entityManager;
  @Autowired PlatformTransactionManager transactionManager;

  private Statistics statistics;
  private TransactionTemplate transaction;

  @BeforeEach
  void setUp() {
    statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    transaction = new TransactionTemplate(transactionManager);
  }

  @Test
  @DisplayName("a certificant with its certifications and its addresses in one statement, each once and in its order")
  void certificantInOneStatement() {
    String number = "DL-" + System.nanoTime() % 1_000_000_000L;
    Long id = transaction.execute(status -> {
      Certificant dual = new Certificant(number, "Dana", "Dual", Instant.parse("2020-01-01T00:00:00Z"));
      dual.addEmail("dana@example.org");
      dual.addEmail("dana.work@example.org");
      // added in the opposite order of the mapping's @OrderBy("type")
      dual.addCertification(CertificationType.CPMSM, LocalDate.of(2017, 5, 1), 2026, Instant.now());
      dual.addCertification(CertificationType.CPCS, LocalDate.of(2014, 3, 1), 2026, Instant.now());
      return certificants.save(dual).getId();
    });

    statistics.clear();
    Certificant loaded = transaction.execute(status -> {
      Certificant found = load(id);
      long once = statistics.getPrepareStatementCount();
      assertThat(Persistence.getPersistenceUtil().isLoaded(found, "emails")).as("addresses joined in").isTrue();
      found.getEmails().size();
      assertThat(load(id)).as("the transaction's own certificant").isSameAs(found);
      assertThat(statistics.getPrepareStatementCount()).as("statements to read its addresses and load it again")
          .isEqualTo(once);
      return found;
    });

    assertThat(statistics.getPrepareStatementCount()).as("statements to load the certificant").isEqualTo(1);
    // two certifications times two addresses are four rows: each must still be there once
    assertThat(loaded.getCertifications()).extracting(c -> c.getType()).containsExactly(CertificationType.CPCS,
        CertificationType.CPMSM);
    assertThat(loaded.getEmails()).extracting(e -> e.getEmail()).containsExactly("dana@example.org",
        "dana.work@example.org");
    assertThat(loaded.primaryEmail()).isEqualTo("dana@example.org");
    assertThat(found(Certificant.class, id + 1_000_000, Certificant.WITH_CERTIFICATIONS_AND_EMAILS)).isEmpty();
  }

  @Test
  @DisplayName("an invoice with its lines in one statement, in line order")
  void invoiceInOneStatement() {
    Long id = newInvoice(true);

    statistics.clear();
    Invoice loaded = found(Invoice.class, id, Invoice.WITH_LINES).orElseThrow();

    assertThat(statistics.getPrepareStatementCount()).as("statements to load the invoice").isEqualTo(1);
    assertThat(loaded.getLines()).extracting(l -> l.getFeeCode()).containsExactly("RECERTIFICATION_FEE",
        "LATE_FEE", "REINSTATEMENT_FEE");
    assertThat(loaded.getTotal()).isEqualByComparingTo("325.00");
    assertThat(found(Invoice.class, id + 1_000_000, Invoice.WITH_LINES)).isEmpty();
  }

  @Test
  @DisplayName("an invoice the transaction already holds without its lines comes back with them, usable after it")
  void invoiceTheTransactionHolds() {
    Long id = newInvoice(false);
    // the invoice look-up needs neither the decision rules nor the clock
    BillingService billing = new BillingService(invoices, payments, applications, certificants, null, null,
        entityManager);

    Invoice loaded = transaction.execute(status -> {
      Invoice held = entityManager.find(Invoice.class, id); // without the graph: its lines not loaded
      assertThat(Persistence.getPersistenceUtil().isLoaded(held, "lines")).isFalse();
      Invoice found = billing.invoice(id);
      assertThat(found).isSameAs(held);
      return found;
    });

    assertThat(loaded.getLines()).as("read after the transaction").extracting(l -> l.getFeeCode())
        .containsExactly("RECERTIFICATION_FEE");
  }

  @Test
  @DisplayName("loads that are not held reuse one planned query instead of planning a load each time")
  void loadsReuseTheirPlan() {
    Long first = newInvoice(false);
    Long second = newInvoice(true);
    found(Invoice.class, first, Invoice.WITH_LINES).orElseThrow(); // planned here at the latest

    statistics.clear();
    found(Invoice.class, first, Invoice.WITH_LINES).orElseThrow();
    Invoice other = found(Invoice.class, second, Invoice.WITH_LINES).orElseThrow();

    assertThat(statistics.getQueryPlanCacheHitCount()).as("look-ups of the cached plan").isPositive();
    assertThat(statistics.getQueryPlanCacheMissCount()).as("loads planned anew").isZero();
    assertThat(other.getLines()).hasSize(3);
  }

  @Test
  @DisplayName("an invoice the transaction has removed is not found, as find does not find it")
  void removedInTheTransaction() {
    Long id = newInvoice(false);

    Optional<Invoice> afterRemoval = transaction.execute(status -> {
      entityManager.remove(entityManager.find(Invoice.class, id));
      return EntityLoads.find(entityManager, Invoice.class, id, Invoice.WITH_LINES);
    });

    assertThat(afterRemoval).isEmpty();
    assertThat(found(Invoice.class, id, Invoice.WITH_LINES)).as("after the commit").isEmpty();
  }

  @Test
  @DisplayName("a load does not flush the transaction's changes first, as find does not")
  void loadDoesNotFlush() {
    Long changed = newInvoice(false);
    Long other = newInvoice(true);

    transaction.executeWithoutResult(status -> {
      entityManager.find(Invoice.class, changed).markPaid(); // a change the load's query would see: same table
      statistics.clear();
      Invoice loaded = EntityLoads.find(entityManager, Invoice.class, other, Invoice.WITH_LINES).orElseThrow();
      assertThat(statistics.getFlushCount()).as("flushes before the load's query").isZero();
      assertThat(statistics.getPrepareStatementCount()).as("statements of the load").isEqualTo(1);
      assertThat(loaded.getLines()).hasSize(3);
    });

    assertThat(found(Invoice.class, changed, Invoice.WITH_LINES).orElseThrow().getStatus())
        .as("the change, written at the commit").isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  @DisplayName("a certificant the transaction handed out as a proxy comes back as that proxy, as find returns it")
  void proxyTheTransactionHolds() {
    Long id = newInvoice(false);
    Long certificantId = found(Invoice.class, id, Invoice.WITH_LINES).orElseThrow().getCertificantId();

    transaction.executeWithoutResult(status -> {
      Certificant reference = entityManager.getReference(Certificant.class, certificantId);
      assertThat(reference.getFirstName()).isEqualTo("Ivo"); // the proxy loaded: the transaction holds the entity too
      Certificant loaded = load(certificantId);
      assertThat(loaded).isSameAs(reference);
      assertThat(Persistence.getPersistenceUtil().isLoaded(loaded, "certifications")).isTrue();
      assertThat(loaded.getLastName()).isEqualTo("Invoice");
    });
  }

  @Test
  @DisplayName("an id of no or another type is refused as bad input, as find refuses it")
  void idOfAnotherType() {
    assertThatThrownBy(() -> found(Certificant.class, null, Certificant.WITH_CERTIFICATIONS_AND_EMAILS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a Long, not null");
    assertThatThrownBy(() -> transaction.execute(status ->
        EntityLoads.find(entityManager, Certificant.class, 7, Certificant.WITH_CERTIFICATIONS_AND_EMAILS)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the Integer 7");
    assertThatThrownBy(() -> found(Certificant.class, 7L, Invoice.WITH_LINES))
        .as("a graph of another entity").isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No entity graph");
  }

  /** A recertification invoice of a new certificant: the fee, and with late and reinstatement fees (R8, R26). */
  private Long newInvoice(boolean withFees) {
    return transaction.execute(status -> {
      Long certificantId = certificants.save(new Certificant("DL-" + System.nanoTime() % 1_000_000_000L, "Ivo",
          "Invoice", Instant.parse("2020-01-01T00:00:00Z"))).getId();
      Invoice invoice = new Invoice("INV-DL-" + System.nanoTime(), certificantId, null, FeePurpose.RECERTIFICATION,
          Instant.parse("2026-11-01T14:00:00Z"));
      invoice.addLine("RECERTIFICATION_FEE", "Recertification fee (CPCS)", new BigDecimal("175.00"));
      if (withFees) {
        invoice.addLine("LATE_FEE", "Late fee (R8)", new BigDecimal("50.00"));
        invoice.addLine("REINSTATEMENT_FEE", "Reinstatement fee (R26)", new BigDecimal("100.00"));
      }
      return invoices.save(invoice).getId();
    });
  }

  /** {@link EntityLoads#find} in a transaction of its own. */
  private <T> Optional<T> found(Class<T> type, Long id, String graph) {
    return transaction.execute(status -> EntityLoads.find(entityManager, type, id, graph));
  }

  private Certificant load(Long id) {
    return EntityLoads.find(entityManager, Certificant.class, id, Certificant.WITH_CERTIFICATIONS_AND_EMAILS)
        .orElseThrow();
  }
}
