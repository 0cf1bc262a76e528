package org.namss.recert.billing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

  List<Invoice> findByCertificantIdOrderByIdAsc(Long certificantId);

  List<Invoice> findByApplicationIdOrderByIdAsc(Long applicationId);
}
