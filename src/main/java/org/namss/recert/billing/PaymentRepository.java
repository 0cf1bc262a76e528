package org.namss.recert.billing;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

  @Query("select p from Payment p where p.invoiceId = :invoiceId order by p.id")
  List<Payment> findByInvoiceIdOrderByIdAsc(@Param("invoiceId") Long invoiceId);

  /** R14: staff find a check by its number and amount. */
  @Query("select p from Payment p where p.checkNumber = :checkNumber and p.amount = :amount order by p.id")
  List<Payment> findByCheckNumberAndAmount(@Param("checkNumber") String checkNumber,
      @Param("amount") BigDecimal amount);
}
