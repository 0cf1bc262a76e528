package org.namss.recert.badge;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

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

  /**
   * The same issuance, locked until the transaction ends: a second issue of a pending badge (two staff runs at once)
   * waits for the first and then finds it issued, instead of asking Credly a second time. Transactional so that it
   * joins the caller's transaction, which holds the lock (called without one, the lock ends with the query).
   */
  @Transactional
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select b from BadgeIssuance b where b.certificantId = :certificantId "
      + "and b.certificationType = :certificationType and b.renewalYear = :renewalYear")
  Optional<BadgeIssuance> findForUpdate(@Param("certificantId") Long certificantId,
      @Param("certificationType") String certificationType, @Param("renewalYear") int renewalYear);

  /** The issuances in a status after an id, oldest first, a page at a time. */
  @Query("select b from BadgeIssuance b where b.status = :status and b.id > :afterId order by b.id")
  List<BadgeIssuance> findByStatusAfter(@Param("status") BadgeStatus status, @Param("afterId") long afterId,
      org.springframework.data.domain.Pageable page);
}
