package org.namss.recert.certificant;

import org.namss.recert.api.ApiException;
import org.namss.recert.security.ApiUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the certificant a request names, and refuses a caller who may not act for them: staff act for anyone;
 * a member of {@code certificants} only for the person one of whose e-mail addresses is their account's (R2); any
 * other account for no one, whatever its e-mail ({@link ApiUser#certificantEmail()}). Someone else's number answers
 * 404, exactly like an unknown one, so numbers cannot be probed.
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
    Certificant certificant = find(number);
    if (!user.isStaff() && !certificant.hasEmail(user.certificantEmail())) {
      throw unknown(number);
    }
    return certificant;
  }

  /**
   * The certificant whose card payment the caller confirms: only the payment provider's service account and staff
   * (a payment taken by phone) may, for any certificant. Anyone else passes the usual check first, so someone
   * else's number still answers 404 like an unknown one; a certificant's own number answers 403.
   */
  @Transactional(readOnly = true)
  public Certificant requireCardPaymentConfirmer(String number) {
    if (ApiUser.current().confirmsCardPayments()) {
      return find(number);
    }
    require(number);
    throw ApiException.forbidden("Only the payment provider or certification staff may confirm a card payment");
  }

  public void requireStaff() {
    if (!ApiUser.current().isStaff()) {
      throw ApiException.forbidden("Only certification staff may do this");
    }
  }

  private Certificant find(String number) {
    return certificants.findByNumber(number).orElseThrow(() -> unknown(number));
  }

  private static ApiException unknown(String number) {
    return ApiException.notFound("No certificant with number " + number);
  }
}
