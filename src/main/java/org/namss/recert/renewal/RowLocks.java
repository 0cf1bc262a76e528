package org.namss.recert.renewal;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Row locks ({@code select ... for update}, H2 and PostgreSQL) that put a renewal's last look before it waits and a
 * request that would wake it into one order: whichever takes the lock second sees what the first committed. Each
 * lock is held until the caller's transaction ends. Native statements, so that what is read is the database's
 * committed state, not an entity the persistence context loaded earlier in the transaction.
 */
@Component
class RowLocks {

  private final EntityManager entityManager;

  RowLocks(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** The certificant's row: a CE upload (CeUpdatedCorrelation) against the renewal's look at the CE. */
  void certificant(Long certificantId) {
    entityManager.createNativeQuery("select id from certificant where id = ? for update")
        .setParameter(1, certificantId).getResultList();
  }

  /** An invoice's row by its number, if the certificant has it; its id. */
  Optional<Long> invoice(Long certificantId, String invoiceNumber) {
    List<?> ids = entityManager.createNativeQuery(
        "select id from invoice where certificant_id = ? and invoice_number = ? for update")
        .setParameter(1, certificantId).setParameter(2, invoiceNumber).getResultList();
    return ids.stream().findFirst().map(id -> ((Number) id).longValue());
  }

  /** An invoice's row by id, and its status as committed (OPEN, PAID, VOID). */
  String invoiceStatus(Long invoiceId) {
    List<?> status = entityManager.createNativeQuery("select status from invoice where id = ? for update")
        .setParameter(1, invoiceId).getResultList();
    return status.isEmpty() ? null : status.get(0).toString();
  }
}
