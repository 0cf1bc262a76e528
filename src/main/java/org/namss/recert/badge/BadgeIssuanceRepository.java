package org.namss.recert.badge;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface BadgeIssuanceRepository extends JpaRepository<BadgeIssuance, Long>,
    JpaSpecificationExecutor<BadgeIssuance> {

  Optional<BadgeIssuance> findByCertificantIdAndCertificationTypeAndRenewalYear(Long certificantId,
      String certificationType, int renewalYear);

  List<BadgeIssuance> findByCertificantIdAndCertificationTypeAndStatusInOrderByRenewalYear(Long certificantId,
      String certificationType, Collection<BadgeStatus> statuses);
}
