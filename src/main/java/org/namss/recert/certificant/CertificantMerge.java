package org.namss.recert.certificant;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.namss.recert.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R2: staff merge a duplicate account into the certificant it belongs to. One person, one certificant: the
 * duplicate's e-mail addresses (so its logins reach the survivor, R2), CE activities with their certificates and
 * certifications the survivor does not hold move over, and the duplicate is deleted, all in one transaction.
 *
 * <p>Only a duplicate without renewal history is merged: no renewal, application, invoice or badge, and no process
 * referring to it. Those records carry amounts, decisions and audit history that must not change owner silently;
 * when the duplicate is the one with the history, merge the other way round. A certification both hold must be the
 * same (type, initial certification date, renewal year), or the merge is refused with the difference.
 */
@Service
public class CertificantMerge {

  private static final Logger LOG = LoggerFactory.getLogger(CertificantMerge.class);

  /** The tables that make a certificant's renewal history, with how a refusal names them. */
  private static final Map<String, String> HISTORY = historyTables();

  private final CertificantRepository certificants;
  private final EntityManager entityManager;
  private final RuntimeService runtimeService;

  public CertificantMerge(CertificantRepository certificants, EntityManager entityManager,
      RuntimeService runtimeService) {
    this.certificants = certificants;
    this.entityManager = entityManager;
    this.runtimeService = runtimeService;
  }

  private static Map<String, String> historyTables() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("renewal_case", "renewals");
    tables.put("recert_application", "applications");
    tables.put("invoice", "invoices");
    tables.put("badge_issuance", "badges");
    return tables;
  }

  /** What a merge moved. */
  public record Merged(String survivor, String duplicate, int emails, int ceActivities, List<String> certifications) {}

  /**
   * Merges {@code duplicateNumber} into {@code survivorNumber}.
   *
   * @throws ApiException 404 when either is unknown, 400 for the same number twice, 409 when the duplicate has
   *     renewal history or a certification differs
   */
  @Transactional
  public Merged merge(String survivorNumber, String duplicateNumber) {
    if (survivorNumber.equalsIgnoreCase(duplicateNumber)) {
      throw ApiException.invalid("duplicate", "must be another certificant than " + survivorNumber);
    }
    Certificant survivor = find(survivorNumber);
    Certificant duplicate = find(duplicateNumber);
    List<String> history = new ArrayList<>();
    HISTORY.forEach((table, what) -> {
      long count = ((Number) entityManager.createNativeQuery("select count(*) from " + table
          + " where certificant_id = ?1").setParameter(1, duplicate.getId()).getSingleResult()).longValue();
      if (count > 0) {
        history.add(count + " " + what);
      }
    });
    long processes = runtimeService.createProcessInstanceQuery().variableValueEquals("certificantId", duplicate.getId())
        .count();
    if (processes > 0) {
      history.add(processes + " running processes");
    }
    if (!history.isEmpty()) {
      throw ApiException.conflict("Certificant " + duplicateNumber + " has renewal history (" + String.join(", ",
          history) + "): only an account without it is merged into another; merge " + survivorNumber + " into "
          + duplicateNumber + " instead if that one is the duplicate");
    }
    List<Long> movedCertifications = new ArrayList<>();
    List<Long> sameCertifications = new ArrayList<>();
    List<String> certificationTypes = new ArrayList<>();
    for (Certification held : duplicate.getCertifications()) {
      var theirs = survivor.certification(held.getType());
      if (theirs.isEmpty()) {
        movedCertifications.add(held.getId());
        certificationTypes.add(held.getType().name());
      } else if (theirs.get().getInitialCertificationDate().equals(held.getInitialCertificationDate())
          && theirs.get().getRenewalYear() == held.getRenewalYear()) {
        sameCertifications.add(held.getId());
      } else {
        throw ApiException.conflict("Both hold " + held.getType() + " with different records (" + survivorNumber
            + ": certified " + theirs.get().getInitialCertificationDate() + ", renewal year "
            + theirs.get().getRenewalYear() + "; " + duplicateNumber + ": certified "
            + held.getInitialCertificationDate() + ", renewal year " + held.getRenewalYear()
            + "): correct the certification first");
      }
    }
    entityManager.flush();
    int emails = update("update certificant_email set certificant_id = ?1, primary_address = false "
        + "where certificant_id = ?2", survivor.getId(), duplicate.getId());
    int activities = update("update ce_activity set certificant_id = ?1 where certificant_id = ?2",
        survivor.getId(), duplicate.getId());
    for (Long id : movedCertifications) {
      update("update certification set certificant_id = ?1 where id = ?2", survivor.getId(), id);
    }
    for (Long id : sameCertifications) {
      update("delete from certification where id = ?1 and certificant_id = ?2", id, duplicate.getId());
    }
    update("delete from certificant where id = ?1", duplicate.getId());
    entityManager.clear();
    LOG.info("Certificant {} merged into {}: {} e-mail addresses, {} CE activities, certifications {} moved",
        duplicateNumber, survivorNumber, emails, activities, certificationTypes);
    return new Merged(survivor.getNumber(), duplicate.getNumber(), emails, activities, certificationTypes);
  }

  private Certificant find(String number) {
    return certificants.findByNumber(number)
        .orElseThrow(() -> ApiException.notFound("No certificant with number " + number));
  }

  private int update(String sql, Object... parameters) {
    var query = entityManager.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.executeUpdate();
  }
}
