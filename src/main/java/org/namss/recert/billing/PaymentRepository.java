package org.namss.recert.billing;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

  List<Payment> findByInvoiceIdOrderByIdAsc(Long invoiceId);

  /** R14: staff find a check by its number and amount. */
  List<Payment> findByCheckNumberAndAmount(String checkNumber, BigDecimal amount);
}
