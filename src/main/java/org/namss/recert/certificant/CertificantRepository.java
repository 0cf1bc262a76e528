package org.namss.recert.certificant;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CertificantRepository extends JpaRepository<Certificant, Long> {

  @Query("select c from Certificant c where c.number = :number")
  Optional<Certificant> findByNumber(@Param("number") String number);

  @Query("select e.certificant from CertificantEmail e where e.email = :email")
  Optional<Certificant> findByEmail(@Param("email") String normalizedEmail);

  @Query("select distinct c.certificant.id from Certification c where c.renewalYear = :year "
      + "and c.status in (org.namss.recert.certificant.CertificationStatus.ACTIVE, "
      + "org.namss.recert.certificant.CertificationStatus.EXTENDED) order by c.certificant.id")
  List<Long> findIdsDueIn(@Param("year") int renewalYear);

  @Query("select distinct c.certificant.id from Certification c where c.renewalYear = :year "
      + "and c.status in (org.namss.recert.certificant.CertificationStatus.ACTIVE, "
      + "org.namss.recert.certificant.CertificationStatus.EXTENDED) "
      + "and c.certificant.id between :first and :last order by c.certificant.id")
  List<Long> findIdsDueInRange(@Param("year") int renewalYear, @Param("first") long first, @Param("last") long last);

  /**
   * Whether a renewal of that year was opened for the certificant: a row of {@code renewal_case}, whose entity belongs
   * to the renewal package (which depends on this one, not the other way round), hence SQL.
   */
  @Query(value = "select count(*) > 0 from renewal_case where certificant_id = :certificantId "
      + "and renewal_year = :renewalYear", nativeQuery = true)
  boolean renewalOpened(@Param("certificantId") Long certificantId, @Param("renewalYear") int renewalYear);

  @Query("select count(c) > 0 from Certificant c where c.number = :number")
  boolean existsByNumber(@Param("number") String number);
}
