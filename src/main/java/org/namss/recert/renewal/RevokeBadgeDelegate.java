package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.badge.BadgeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.springframework.stereotype.Component;

/** R25: a lapsed certification's Credly badge is ended, so that public verification agrees. */
@Component("revokeBadgeDelegate")
public class RevokeBadgeDelegate implements JavaDelegate {

  static final String REASON = "Certification lapsed: recertification requirements were not completed.";

  private final BadgeService badges;
  private final CertificantService certificants;

  public RevokeBadgeDelegate(BadgeService badges, CertificantService certificants) {
    this.badges = badges;
    this.certificants = certificants;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Certificant certificant = certificants.get(certificantId(execution));
    certificant.getCertifications().stream()
        .filter(c -> c.getStatus() == CertificationStatus.LAPSED)
        .forEach(c -> badges.revoke(certificant.getId(), c.getType().name(), REASON));
  }
}
