package org.namss.recert.security;

/**
 * Where a certificant account's name change goes besides the engine's user store: the certificant's record, whose
 * name is the one on the certificate and the Credly badge (R24). Implemented in {@code certificant/}; called by
 * {@link CertificantIdentityProvider} inside the engine's transaction, so that a refusal saves neither.
 */
public interface ProfileNames {

  /**
   * The account with this e-mail, a member of {@link Groups#CERTIFICANTS}, now has this name.
   *
   * @param byUserId who changed it: the account itself, an administrator, or null (the application)
   * @throws IllegalArgumentException when the name cannot be a certificant's (blank, too long, not a name)
   */
  void accountRenamed(String accountId, String email, String firstName, String lastName, String byUserId);
}
