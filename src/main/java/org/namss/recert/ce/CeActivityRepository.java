package org.namss.recert.ce;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CeActivityRepository extends JpaRepository<CeActivity, Long> {

  /**
   * A certificant's activities in the order earned, each with the id of its certificate or null: one statement
   * instead of the list and then a look-up of which have a certificate (an activity has at most one,
   * uk_ce_certificate_activity); no file is read.
   */
  @Query("select a, c.id from CeActivity a left join CeCertificate c on c.activityId = a.id "
      + "where a.certificantId = :certificantId order by a.earnedOn, a.id")
  List<Object[]> findWithCertificateIds(@Param("certificantId") Long certificantId);

  /** Whether the certificant reported an activity after the instant. */
  @Query("select count(a) > 0 from CeActivity a where a.certificantId = :certificantId and a.createdAt > :since")
  boolean existsByCertificantIdAndCreatedAtAfter(@Param("certificantId") Long certificantId,
      @Param("since") Instant since);
}
