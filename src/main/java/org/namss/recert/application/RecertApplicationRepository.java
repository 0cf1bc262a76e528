package org.namss.recert.application;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RecertApplicationRepository extends JpaRepository<RecertApplication, Long> {

  @Query("select a from RecertApplication a where a.certificantId = :certificantId "
      + "and a.renewalYear = :renewalYear and a.kind = :kind")
  Optional<RecertApplication> findByCertificantIdAndRenewalYearAndKind(@Param("certificantId") Long certificantId,
      @Param("renewalYear") int renewalYear, @Param("kind") ApplicationKind kind);

  @Query("select a from RecertApplication a where a.certificantId = :certificantId order by a.id")
  List<RecertApplication> findByCertificantIdOrderByIdAsc(@Param("certificantId") Long certificantId);
}
