package org.namss.recert.ce;

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
}
