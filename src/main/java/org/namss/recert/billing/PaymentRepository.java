package org.namss.recert.billing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Payments; staff search them by check number, amount and purpose (R14) through {@link BillingService#findPayments}. */
public interface PaymentRepository extends JpaRepository<Payment, Long>, JpaSpecificationExecutor<Payment> {

  @Query("select p from Payment p where p.invoiceId = :invoiceId order by p.id")
  List<Payment> findByInvoiceIdOrderByIdAsc(@Param("invoiceId") Long invoiceId);

  /** Whether a payment has this card reference (unique: V4's index). */
  @Query("select count(p) > 0 from Payment p where p.cardReference = :cardReference")
  boolean existsByCardReference(@Param("cardReference") String cardReference);
}
