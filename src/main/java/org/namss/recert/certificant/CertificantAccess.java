package org.namss.recert.certificant;

import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the certificant a request names, and refuses a caller who may not act for them: staff act for anyone;
 * a certificant only for the person one of whose e-mail addresses is their account's (R2). Someone else's
 * number answers 404, exactly like an unknown one, so numbers cannot be probed.
 */
@Component
public class CertificantAccess {

  private final CertificantRepository certificants;

  public CertificantAccess(CertificantRepository certificants) {
    this.certificants = certificants;
  }

  @Transactional(readOnly = true)
  public Certificant require(String number) {
    ApiUser user = ApiUser.current();
    Certificant certificant = certificants.findByNumber(number)
        .orElseThrow(() -> ApiException.notFound("No certificant with number " + number));
    if (!user.isStaff() && !certificant.hasEmail(user.email())) {
      throw ApiException.notFound("No certificant with number " + number);
    }
    return certificant;
  }

  public void requireStaff() {
    if (!ApiUser.current().isStaff()) {
      throw ApiException.forbidden("Only certification staff may do this");
    }
  }
}
