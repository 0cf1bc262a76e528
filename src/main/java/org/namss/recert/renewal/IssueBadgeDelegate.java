package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.badge.BadgeRequest;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.Certification;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.DecisionRules;
import org.springframework.stereotype.Component;

/**
 * R19, R24: one Credly badge per renewed certification, in the name exactly as in the profile, valid to the end
 * of the new cycle. Idempotent per certificant, certification and renewal year, so a retried job never issues
 * twice.
 */
@Component("issueBadgeDelegate")
public class IssueBadgeDelegate implements JavaDelegate {

  private final BadgeService badges;
  private final CertificantService certificants;
  private final RecertApplicationRepository applications;
  private final DecisionRules rules;
  private final TimeSource time;

  public IssueBadgeDelegate(BadgeService badges, CertificantService certificants,
      RecertApplicationRepository applications, DecisionRules rules, TimeSource time) {
    this.badges = badges;
    this.certificants = certificants;
    this.applications = applications;
    this.rules = rules;
    this.time = time;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int renewalYear = renewalYear(execution);
    Certificant certificant = certificants.get(certificantId(execution));
    OffsetDateTime issuedAt = OffsetDateTime.ofInstant(time.now(), time.zone());
    Set<String> renewed = renewedTypes(execution);
    for (Certification c : certificant.getCertifications()) {
      // renewed in this renewal: active and now due in a later renewal year, the one the renewal saved (R3)
      if ((renewed != null && !renewed.contains(c.getType().name())) || c.getRenewalYear() <= renewalYear
          || c.getStatus() != CertificationStatus.ACTIVE) {
        continue;
      }
      int nextRenewalYear = c.getRenewalYear();
      OffsetDateTime expiresAt = rules.renewalCalendar(nextRenewalYear).lateDeadline()
          .atTime(23, 59, 59).atZone(time.zone()).toOffsetDateTime();
      badges.issue(request(certificant, c.getType().name(), renewalYear, issuedAt,
          expiresAt.withOffsetSameInstant(ZoneOffset.UTC)));
    }
  }

  /** The badge request of one certification, in the profile's name and to its primary address as they are now (R24). */
  static BadgeRequest request(Certificant certificant, String certificationType, int renewalYear,
      OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
    return new BadgeRequest(certificant.getId(), certificant.getNumber(), certificant.getFirstName(),
        certificant.getLastName(), certificant.primaryEmail(), certificationType, renewalYear, issuedAt, expiresAt);
  }

  /**
   * The certifications this renewal renewed, from its application's category (the certifications due in the renewal
   * year when it was submitted): a dual certificant whose other certification is due in a later cycle gets no badge
   * for that one. Null without an application (instances started before applications were recorded): then every
   * active certification due in a later year.
   */
  private Set<String> renewedTypes(DelegateExecution execution) {
    Long applicationId = applicationId(execution);
    if (applicationId == null) {
      return null;
    }
    return applications.findById(applicationId)
        .map(application -> application.getCertificationCategory().certificationTypes()).orElse(null);
  }
}
