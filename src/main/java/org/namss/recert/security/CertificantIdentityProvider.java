package org.namss.recert.security;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's own user store, except that a certificant cannot change the e-mail address of an account.
 *
 * <p>A certificant's account acts for the certificant one of whose addresses is the account's e-mail (R2,
 * {@code CertificantAccess}). Camunda gives every user UPDATE on their own user, so a certificant could otherwise
 * set their e-mail to another certificant's address (engine REST {@code PUT /user/{id}/profile}, the Welcome app's
 * profile page) and then read and act on that person's record. Every way of saving a user ends here, so this
 * refuses all of them: a caller in {@link Groups#CERTIFICANTS} may save an existing user only with the e-mail it
 * has (the same address by R2's comparison: blanks around it and case do not count), so first and last name and
 * password stay theirs to change. Users with UPDATE on users (administrators) change a certificant's e-mail in
 * Camunda Admin; the application's own calls (no authenticated caller) are not limited. Installed by
 * {@code EngineConfiguration}.
 */
public class CertificantIdentityProvider extends DbIdentityServiceProvider {

  static final String EMAIL_LOCKED = "A certificant cannot change the e-mail address of their account: it decides"
      + " whose certification records the account may see (R2). Ask certification staff to change it.";

  @Override
  public IdentityOperationResult saveUser(User user) {
    // revision 0: a new user, which needs CREATE on users (no certificant has it)
    if (((UserEntity) user).getRevision() > 0 && callerIsCertificant()) {
      // the engine's own check first, so that no one learns another user's address from which refusal they get
      checkAuthorization(Permissions.UPDATE, Resources.USER, user.getId());
      UserEntity stored = getDbEntityManager().selectById(UserEntity.class, user.getId());
      if (stored != null && !normalized(stored.getEmail()).equals(normalized(user.getEmail()))) {
        throw new AuthorizationException(EMAIL_LOCKED);
      }
    }
    return super.saveUser(user);
  }

  /** The authenticated caller is in the certificants group, by their log-in's groups or by the database. */
  private boolean callerIsCertificant() {
    Authentication caller = Context.getCommandContext().getAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return false;
    }
    List<String> groups = caller.getGroupIds();
    return groups != null && groups.contains(Groups.CERTIFICANTS)
        || existsMembership(caller.getUserId(), Groups.CERTIFICANTS);
  }

  /** As R2 compares addresses ({@code Certificant.normalize}); no address is the empty one. */
  private static String normalized(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
