package org.namss.recert.application;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RecertApplicationRepository extends JpaRepository<RecertApplication, Long> {

  Optional<RecertApplication> findByCertificantIdAndRenewalYearAndKind(Long certificantId, int renewalYear,
      ApplicationKind kind);

  List<RecertApplication> findByCertificantIdOrderByIdAsc(Long certificantId);
}
