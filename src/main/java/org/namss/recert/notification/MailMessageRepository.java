package org.namss.recert.notification;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface MailMessageRepository extends JpaRepository<MailMessage, Long>,
    JpaSpecificationExecutor<MailMessage> {

  Optional<MailMessage> findByDedupKey(String dedupKey);
}
