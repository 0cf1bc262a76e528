package org.namss.recert.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the project's API: staff (certification staff or lead) act on any certificant; a certificant
 * acts only for the certificant one of whose e-mail addresses is their account's e-mail (R2).
 */
public record ApiUser(String userId, String email, List<String> authorities) {

  public boolean isStaff() {
    return authorities.contains(Authorities.group(Groups.STAFF))
        || authorities.contains(Authorities.group(Groups.LEAD))
        || authorities.contains(Authorities.group(IdentitySetup.ADMIN_GROUP));
  }

  /**
   * Whether the caller may confirm a card payment: the payment provider's service account, or staff (a card payment
   * taken by phone) and administrators. A certificant never confirms their own payment.
   */
  public boolean confirmsCardPayments() {
    return authorities.contains(Authorities.group(Groups.PAYMENT_SERVICE)) || isStaff();
  }

  public boolean isOperations() {
    return authorities.contains(Authorities.group(Groups.OPERATIONS))
        || authorities.contains(Authorities.group(IdentitySetup.ADMIN_GROUP));
  }

  public static ApiUser current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getDetails() instanceof ApiUser user) {
      return user;
    }
    throw new IllegalStateException("No authenticated API user");
  }
}
