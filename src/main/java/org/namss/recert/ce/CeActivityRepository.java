package org.namss.recert.ce;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CeActivityRepository extends JpaRepository<CeActivity, Long> {

  List<CeActivity> findByCertificantIdOrderByEarnedOnAscIdAsc(Long certificantId);
}
