package org.namss.recert.notification;

import jakarta.persistence.QueryHint;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface MailMessageRepository extends JpaRepository<MailMessage, Long>,
    JpaSpecificationExecutor<MailMessage> {

  /**
   * Without flushing the caller's transaction first: every message is stored with saveAndFlush, so the transaction
   * holds no unwritten one; the check before a query walked every entity the transaction holds, once per e-mail
   * (docs/performance-history.md, fourteenth session).
   */
  @Query("select m from MailMessage m where m.dedupKey = :dedupKey")
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  Optional<MailMessage> findByDedupKey(@Param("dedupKey") String dedupKey);
}
