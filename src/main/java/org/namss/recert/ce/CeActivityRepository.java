package org.namss.recert.ce;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CeActivityRepository extends JpaRepository<CeActivity, Long> {

  @Query("select a from CeActivity a where a.certificantId = :certificantId order by a.earnedOn, a.id")
  List<CeActivity> findByCertificantIdOrderByEarnedOnAscIdAsc(@Param("certificantId") Long certificantId);
}
