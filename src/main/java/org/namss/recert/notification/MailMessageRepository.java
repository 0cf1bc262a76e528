package org.namss.recert.notification;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MailMessageRepository extends JpaRepository<MailMessage, Long>,
    JpaSpecificationExecutor<MailMessage> {

  @Query("select m from MailMessage m where m.dedupKey = :dedupKey")
  Optional<MailMessage> findByDedupKey(@Param("dedupKey") String dedupKey);
}
