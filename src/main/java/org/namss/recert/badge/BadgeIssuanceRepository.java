package org.namss.recert.badge;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface BadgeIssuanceRepository extends JpaRepository<BadgeIssuance, Long>,
    JpaSpecificationExecutor<BadgeIssuance> {

  @Query("select b from BadgeIssuance b where b.certificantId = :certificantId "
      + "and b.certificationType = :certificationType and b.renewalYear = :renewalYear")
  Optional<BadgeIssuance> findByCertificantIdAndCertificationTypeAndRenewalYear(
      @Param("certificantId") Long certificantId, @Param("certificationType") String certificationType,
      @Param("renewalYear") int renewalYear);

  @Query("select b from BadgeIssuance b where b.certificantId = :certificantId "
      + "and b.certificationType = :certificationType and b.status in :statuses order by b.renewalYear")
  List<BadgeIssuance> findByCertificantIdAndCertificationTypeAndStatusInOrderByRenewalYear(
      @Param("certificantId") Long certificantId, @Param("certificationType") String certificationType,
      @Param("statuses") Collection<BadgeStatus> statuses);

  /** The oldest issuances in a status first, a page at a time. */
  @Query("select b from BadgeIssuance b where b.status = :status order by b.id")
  List<BadgeIssuance> findByStatusOrderByIdAsc(@Param("status") BadgeStatus status,
      org.springframework.data.domain.Pageable page);
}
