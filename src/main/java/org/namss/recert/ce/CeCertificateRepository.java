package org.namss.recert.ce;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CeCertificateRepository extends JpaRepository<CeCertificate, Long> {

  @Query("select c from CeCertificate c where c.activityId = :activityId")
  Optional<CeCertificate> findByActivityId(@Param("activityId") Long activityId);

  /** Which of these activities have their certificate, without loading any file. */
  @Query("select c.activityId from CeCertificate c where c.activityId in :ids")
  List<Long> findActivityIdsWithCertificate(@Param("ids") Collection<Long> activityIds);

  /** Whether a certificate of one of the certificant's activities was stored after the instant. */
  @Query("select count(c) > 0 from CeCertificate c, CeActivity a where c.activityId = a.id "
      + "and a.certificantId = :certificantId and c.uploadedAt > :since")
  boolean existsForCertificantSince(@Param("certificantId") Long certificantId,
      @Param("since") Instant since);
}
