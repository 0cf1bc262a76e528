package org.namss.recert.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the project's API: staff (certification staff or lead) act on any certificant; a member of
 * {@code certificants} acts only for the certificant one of whose e-mail addresses is their account's e-mail (R2);
 * other accounts act for no certificant through their e-mail.
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

  /**
   * The address through which the caller acts for a certificant (R2): their account's e-mail, for members of
   * {@link Groups#CERTIFICANTS} only; {@code null} for any other account (the payment service, operations, analysts,
   * staff), which never acts for a certificant through its e-mail, whatever it is. Staff and administrators act for
   * any certificant ({@link #isStaff()}).
   */
  public String certificantEmail() {
    return authorities.contains(Authorities.group(Groups.CERTIFICANTS)) ? email : null;
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
