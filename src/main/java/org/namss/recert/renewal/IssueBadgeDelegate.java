package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
  private final DecisionRules rules;
  private final TimeSource time;

  public IssueBadgeDelegate(BadgeService badges, CertificantService certificants, DecisionRules rules,
      TimeSource time) {
    this.badges = badges;
    this.certificants = certificants;
    this.rules = rules;
    this.time = time;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int renewalYear = renewalYear(execution);
    Certificant certificant = certificants.get(certificantId(execution));
    OffsetDateTime issuedAt = OffsetDateTime.ofInstant(time.now(), time.zone());
    for (Certification c : certificant.getCertifications()) {
      // renewed in this renewal: now due at the end of the next cycle (R3, certificationCycle)
      int nextRenewalYear = renewalYear + rules.cycleYears(c.getType().name());
      if (c.getRenewalYear() != nextRenewalYear || c.getStatus() != CertificationStatus.ACTIVE) {
        continue;
      }
      OffsetDateTime expiresAt = rules.renewalCalendar(nextRenewalYear).lateDeadline()
          .atTime(23, 59, 59).atZone(time.zone()).toOffsetDateTime();
      badges.issue(new BadgeRequest(certificant.getId(), certificant.getNumber(), certificant.getFirstName(),
          certificant.getLastName(), certificant.primaryEmail(), c.getType().name(), renewalYear, issuedAt,
          expiresAt.withOffsetSameInstant(ZoneOffset.UTC)));
    }
  }
}
