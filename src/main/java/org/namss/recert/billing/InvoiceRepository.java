package org.namss.recert.billing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

  @Query("select i from Invoice i where i.certificantId = :certificantId order by i.id")
  List<Invoice> findByCertificantIdOrderByIdAsc(@Param("certificantId") Long certificantId);

  @Query("select i from Invoice i where i.applicationId = :applicationId order by i.id")
  List<Invoice> findByApplicationIdOrderByIdAsc(@Param("applicationId") Long applicationId);
}
