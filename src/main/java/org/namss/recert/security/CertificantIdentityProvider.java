package org.namss.recert.security;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's own user store, except that only administrators change the e-mail address of an account.
 *
 * <p>A certificant's account acts for the certificant one of whose addresses is the account's e-mail (R2,
 * {@code CertificantAccess}). Camunda gives every user UPDATE on their own user, so any user could otherwise set
 * their e-mail to a certificant's address (engine REST {@code PUT /user/{id}/profile}, the Welcome app's profile
 * page) and then read and act on that person's record: a certificant, but also the payment service account, an
 * operations user or an analyst ({@code CertificantAccess} now also lets only certificants act by address). Every
 * way of saving a user ends here, so this refuses all of them: a caller who does not have UPDATE on all users
 * (administrators have it and change e-mails in Camunda Admin) may save an existing user only with the e-mail it
 * has (the same address by R2's comparison: blanks around it and case do not count), so first and last name and
 * password stay theirs to change. Any change of address is refused, not only one to or from a certificant's
 * address: a refusal for those alone would tell anyone which addresses are certificants', and an address staff add
 * to a certificant later could already be someone's log-in. A caller in {@link Groups#CERTIFICANTS} is refused even
 * where the engine's authorizations are off. The application's own calls (no authenticated caller) are not limited.
 *
 * <p>A change of first or last name of an account in {@link Groups#CERTIFICANTS}, by whoever makes it, is carried
 * to the certificant whose address is the account's e-mail ({@link ProfileNames}, R24: the badge carries the
 * profile's name), in the same transaction. A name that cannot be a certificant's (blank, over 100 characters, not
 * a name) is refused with {@link BadUserRequestException} (engine REST: 400) and neither is changed. Installed by
 * {@code EngineConfiguration}.
 */
public class CertificantIdentityProvider extends DbIdentityServiceProvider {

  static final String EMAIL_LOCKED = "A certificant cannot change the e-mail address of their account: it decides"
      + " whose certification records the account may see (R2). Ask certification staff to change it.";
  static final String EMAIL_ADMINISTERED = "Only an administrator changes the e-mail address of an account (Camunda"
      + " Admin): it decides whose certification records the account may see (R2).";

  private final Supplier<ProfileNames> names;

  /** Without a place for names (engines outside the application): the engine's user store and the e-mail lock. */
  public CertificantIdentityProvider() {
    this(() -> null);
  }

  /** @param names where a certificant account's new name goes, asked only when a name changes */
  public CertificantIdentityProvider(Supplier<ProfileNames> names) {
    this.names = names;
  }

  @Override
  public IdentityOperationResult saveUser(User user) {
    // revision 0: a new user, which needs CREATE on users (no certificant has it)
    if (((UserEntity) user).getRevision() > 0) {
      UserEntity stored = null;
      String locked = emailLock();
      if (locked != null) {
        // the engine's own check first, so that no one learns another user's address from which refusal they get
        checkAuthorization(Permissions.UPDATE, Resources.USER, user.getId());
        stored = getDbEntityManager().selectById(UserEntity.class, user.getId());
        if (stored != null && !normalized(stored.getEmail()).equals(normalized(user.getEmail()))) {
          throw new AuthorizationException(locked);
        }
      }
      carryNameChange(user, stored);
    }
    return super.saveUser(user);
  }

  /** R24: a certificant account's new name goes to the certificant's record (refused there: refused here). */
  private void carryNameChange(User user, UserEntity known) {
    UserEntity stored = known != null ? known : getDbEntityManager().selectById(UserEntity.class, user.getId());
    if (stored == null || Objects.equals(stored.getFirstName(), user.getFirstName())
        && Objects.equals(stored.getLastName(), user.getLastName())
        || !existsMembership(user.getId(), Groups.CERTIFICANTS)) {
      return;
    }
    ProfileNames certificants = names.get();
    if (certificants == null) {
      return;
    }
    // may the caller change this user at all? (the engine asks again when it saves; a refusal comes first)
    checkAuthorization(Permissions.UPDATE, Resources.USER, user.getId());
    Authentication caller = Context.getCommandContext().getAuthentication();
    try {
      certificants.accountRenamed(user.getId(), stored.getEmail(), user.getFirstName(), user.getLastName(),
          caller == null ? null : caller.getUserId());
    } catch (IllegalArgumentException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }

  /**
   * Why the authenticated caller may not change an account's e-mail ({@code null}: they may): a certificant never; any
   * other caller unless they are an administrator or have UPDATE on all users.
   */
  private String emailLock() {
    Authentication caller = Context.getCommandContext().getAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return null;
    }
    if (callerIsCertificant(caller)) {
      return EMAIL_LOCKED;
    }
    AuthorizationManager authorizations = getAuthorizationManager();
    if (authorizations.isCamundaAdmin(caller)
        || authorizations.isAuthorized(Permissions.UPDATE, Resources.USER, Authorization.ANY)) {
      return null;
    }
    return EMAIL_ADMINISTERED;
  }

  /** The authenticated caller is in the certificants group, by their log-in's groups or by the database. */
  private boolean callerIsCertificant(Authentication caller) {
    List<String> groups = caller.getGroupIds();
    return groups != null && groups.contains(Groups.CERTIFICANTS)
        || existsMembership(caller.getUserId(), Groups.CERTIFICANTS);
  }

  /** As R2 compares addresses ({@code Certificant.normalize}); no address is the empty one. */
  private static String normalized(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
