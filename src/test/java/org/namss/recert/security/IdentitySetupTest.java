package org.namss.recert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.namss.recert.config.RecertProperties;
import org.namss.recert.config.TestEngines;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The first start creates groups, the administrator, authorizations and Tasklist filters; later starts add
 * nothing and change no password. Real engines on databases of their own; a restart is a new engine on the
 * same database.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentitySetupTest {

  static final Pattern GENERATED = Pattern.compile("Generated password for the administrator '([^']+)': (\\S+)");

  final List<ProcessEngine> engines = new java.util.ArrayList<>();
  final List<TestEngines.Database> databases = new java.util.ArrayList<>();

  protected TestEngines.Database database() {
    return TestEngines.h2();
  }

  @AfterEach
  void close() {
    engines.forEach(ProcessEngine::close);
    databases.forEach(TestEngines::drop);
  }

  TestEngines.Database newDatabase() {
    TestEngines.Database database = database();
    databases.add(database);
    return database;
  }

  ProcessEngine start(TestEngines.Database database, String adminPassword) {
    ProcessEngine engine = TestEngines.start(database);
    engines.add(engine);
    new IdentitySetup(engine, new RecertProperties.Admin("admin", adminPassword)).run();
    return engine;
  }

  static List<String> generatedPasswords(CapturedOutput output) {
    Matcher matcher = GENERATED.matcher(output.getAll());
    List<String> passwords = new java.util.ArrayList<>();
    while (matcher.find()) {
      assertThat(matcher.group(1)).isEqualTo("admin");
      passwords.add(matcher.group(2));
    }
    return passwords;
  }

  @Test
  @DisplayName("No RECERT_ADMIN_PASSWORD: each installation generates its own random password, printed once")
  void generatedPasswordDiffersPerInstallation(CapturedOutput output) {
    ProcessEngine first = start(newDatabase(), null);
    ProcessEngine second = start(newDatabase(), "");

    List<String> passwords = generatedPasswords(output);
    assertThat(passwords).hasSize(2).doesNotHaveDuplicates();
    assertThat(passwords).allMatch(p -> p.length() >= 20);
    assertThat(first.getIdentityService().checkPassword("admin", passwords.get(0))).isTrue();
    assertThat(first.getIdentityService().checkPassword("admin", passwords.get(1))).isFalse();
    assertThat(second.getIdentityService().checkPassword("admin", passwords.get(1))).isTrue();
    assertThat(first.getIdentityService().createGroupQuery().groupMember("admin").list())
        .extracting(g -> g.getId()).contains("camunda-admin", Groups.STAFF);
  }

  @Test
  @DisplayName("A restart keeps the existing administrator's password (even if the variable is set later) and prints none")
  void restartKeepsPassword(CapturedOutput output) {
    TestEngines.Database database = newDatabase();
    ProcessEngine first = start(database, null);
    String password = generatedPasswords(output).get(0);
    first.close();
    engines.remove(first);

    ProcessEngine restarted = start(database, "set-after-the-first-start");

    assertThat(generatedPasswords(output)).containsExactly(password);
    assertThat(restarted.getIdentityService().checkPassword("admin", password)).isTrue();
    assertThat(restarted.getIdentityService().checkPassword("admin", "set-after-the-first-start")).isFalse();
  }

  @Test
  @DisplayName("RECERT_ADMIN_PASSWORD given: that password, nothing printed")
  void chosenPassword(CapturedOutput output) {
    ProcessEngine engine = start(newDatabase(), "chosen-by-operations");

    assertThat(output.getAll()).doesNotContain("Generated password").doesNotContain("chosen-by-operations");
    assertThat(engine.getIdentityService().checkPassword("admin", "chosen-by-operations")).isTrue();
  }

  @Test
  @DisplayName("Groups (paymentService without Camunda rights), authorizations and filters are created once: a second "
      + "and third start add nothing")
  void idempotent() {
    TestEngines.Database database = newDatabase();
    ProcessEngine engine = start(database, null);
    Map<String, Long> first = counts(engine);
    assertThat(engine.getIdentityService().createGroupQuery().list()).extracting(g -> g.getId())
        .containsExactlyInAnyOrder("camunda-admin", Groups.STAFF, Groups.LEAD, Groups.ANALYSTS, Groups.OPERATIONS,
            Groups.CERTIFICANTS, Groups.PAYMENT_SERVICE);
    // the payment provider's service account only confirms card payments through the API: no Camunda rights, only
    // what Camunda gives every new group (its members read the group itself)
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Groups.PAYMENT_SERVICE).list())
        .extracting(a -> a.getResourceType() + " " + a.getResourceId())
        .containsExactly(Resources.GROUP.resourceType() + " " + Groups.PAYMENT_SERVICE);
    assertThat(engine.getFilterService().createFilterQuery().list()).extracting(f -> f.getName())
        .containsExactlyInAnyOrder("Certification staff: review and payments", "Certification lead: escalations");
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Groups.ANALYSTS)
        .resourceType(Resources.DEPLOYMENT).count()).isEqualTo(1);

    new IdentitySetup(engine, new RecertProperties.Admin("admin", null)).run();
    engine.close();
    engines.remove(engine);
    ProcessEngine restarted = start(database, null);

    assertThat(counts(restarted)).isEqualTo(first);
  }

  @Test
  @DisplayName("An installation set up before operations could cancel instances gets DELETE at its next start, also "
      + "when an administrator revoked something else of theirs on process instances")
  void upgradeGrantsOperationsTheCancelOfAnInstance() {
    TestEngines.Database database = newDatabase();
    ProcessEngine engine = start(database, null);
    AuthorizationService authorizations = engine.getAuthorizationService();
    // the operations grants as the earlier version saved them: no DELETE on instances, no DELETE_INSTANCE
    Authorization onInstances = operationsGrant(authorizations, Resources.PROCESS_INSTANCE);
    onInstances.removePermission(ProcessInstancePermissions.DELETE);
    authorizations.saveAuthorization(onInstances);
    Authorization onDefinitions = operationsGrant(authorizations, Resources.PROCESS_DEFINITION);
    onDefinitions.removePermission(ProcessDefinitionPermissions.DELETE_INSTANCE);
    authorizations.saveAuthorization(onDefinitions);
    Authorization revoked = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoked.setGroupId(Groups.OPERATIONS);
    revoked.setResource(Resources.PROCESS_INSTANCE);
    revoked.setResourceId(Authorization.ANY);
    revoked.addPermission(ProcessInstancePermissions.UPDATE_VARIABLE);
    authorizations.saveAuthorization(revoked);
    assertThat(mayCancel(engine)).isFalse();
    engine.close();
    engines.remove(engine);

    ProcessEngine restarted = start(database, null);

    assertThat(mayCancel(restarted)).isTrue();
    assertThat(restarted.getAuthorizationService().isUserAuthorized("ops", List.of(Groups.OPERATIONS),
        ProcessInstancePermissions.UPDATE_VARIABLE, Resources.PROCESS_INSTANCE, "any-instance")).isFalse();
  }

  private static Authorization operationsGrant(AuthorizationService authorizations, Resources resource) {
    return authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(Groups.OPERATIONS).resourceType(resource).resourceId(Authorization.ANY).singleResult();
  }

  /** Whether an operations user may delete (Cockpit: cancel) an instance, by either of the engine's two checks. */
  private static boolean mayCancel(ProcessEngine engine) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    return authorizations.isUserAuthorized("ops", List.of(Groups.OPERATIONS), ProcessInstancePermissions.DELETE,
        Resources.PROCESS_INSTANCE, "any-instance")
        && authorizations.isUserAuthorized("ops", List.of(Groups.OPERATIONS),
        ProcessDefinitionPermissions.DELETE_INSTANCE, Resources.PROCESS_DEFINITION, "RecertificationProcess");
  }

  static Map<String, Long> counts(ProcessEngine engine) {
    return Map.of(
        "groups", engine.getIdentityService().createGroupQuery().count(),
        "users", engine.getIdentityService().createUserQuery().count(),
        "memberships", engine.getIdentityService().createUserQuery().memberOfGroup("camunda-admin").count()
            + engine.getIdentityService().createUserQuery().memberOfGroup(Groups.STAFF).count(),
        "authorizations", engine.getAuthorizationService().createAuthorizationQuery().count(),
        "filters", engine.getFilterService().createFilterQuery().count());
  }
}
