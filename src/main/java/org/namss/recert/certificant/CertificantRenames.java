package org.namss.recert.certificant;

import org.namss.recert.security.ProfileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * R24: the name on the certificate and the badge is exactly the profile's. A certificant changes it in their profile
 * (the Welcome app's profile page, engine REST {@code PUT /user/{id}/profile}; an administrator in Camunda Admin),
 * and the change reaches the certificant whose address is the account's e-mail (R2); badges issued after it carry
 * the new name. The log line names the certificant, the account and who changed it, never the name.
 */
@Component
public class CertificantRenames implements ProfileNames {

  private static final Logger LOG = LoggerFactory.getLogger(CertificantRenames.class);

  private final CertificantRepository certificants;

  public CertificantRenames(CertificantRepository certificants) {
    this.certificants = certificants;
  }

  @Override
  @Transactional
  public void accountRenamed(String accountId, String email, String firstName, String lastName, String byUserId) {
    if (email == null || email.isBlank()) {
      return;
    }
    certificants.findByEmail(Certificant.normalize(email)).ifPresent(certificant -> {
      if (certificant.rename(firstName, lastName)) {
        certificants.save(certificant);
        LOG.info("Certificant {} (number {}) renamed from the profile of account {}, changed by {} (R24)",
            certificant.getId(), certificant.getNumber(), accountId, byUserId == null ? "the application" : byUserId);
      }
    });
  }
}
