package org.namss.recert.renewal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RenewalCaseRepository extends JpaRepository<RenewalCase, Long> {

  @Query("select r from RenewalCase r where r.certificantId = :certificantId and r.renewalYear = :renewalYear")
  Optional<RenewalCase> findByCertificantIdAndRenewalYear(@Param("certificantId") Long certificantId,
      @Param("renewalYear") int renewalYear);

  @Query("select count(r) > 0 from RenewalCase r where r.certificantId = :certificantId "
      + "and r.renewalYear = :renewalYear")
  boolean existsByCertificantIdAndRenewalYear(@Param("certificantId") Long certificantId,
      @Param("renewalYear") int renewalYear);

  @Query("select count(r) from RenewalCase r where r.renewalYear = :renewalYear")
  long countByRenewalYear(@Param("renewalYear") int renewalYear);

  /** Those who have not submitted yet (the only ones reminders go to, R23), in id order for batching. */
  @Query("select r.certificantId from RenewalCase r where r.renewalYear = :year and r.phase = :phase "
      + "order by r.certificantId")
  List<Long> findCertificantIds(@Param("year") int year, @Param("phase") RenewalPhase phase);

  /** Those of an id range "first:last" who have not submitted yet, for one batch of notices (R23). */
  @Query("select r.certificantId from RenewalCase r where r.renewalYear = :year and r.phase = :phase "
      + "and r.certificantId between :first and :last order by r.certificantId")
  List<Long> findCertificantIdsBetween(@Param("year") int year, @Param("phase") RenewalPhase phase,
      @Param("first") long first, @Param("last") long last);
}
