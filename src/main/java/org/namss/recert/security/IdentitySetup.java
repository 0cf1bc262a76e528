package org.namss.recert.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.namss.recert.config.RecertProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, once, what a fresh installation needs: the groups, the first administrator, each group's
 * authorizations and the Tasklist filters. Idempotent: every start checks and adds only what is missing.
 *
 * <p>No password is ever fixed here: the administrator's comes from {@code RECERT_ADMIN_PASSWORD} or is
 * generated at first start and printed once in the log.
 */
public class IdentitySetup {

  public static final String ADMIN_GROUP = Groups.CAMUNDA_ADMIN;
  static final List<String> PROCESS_KEYS = List.of(
      "RecertificationProcess", "ExtensionProcess", "RenewalCalendarProcess", "YearlyRenewalProcess",
      "EmailedApplicationProcess");
  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final RecertProperties.Admin admin;

  public IdentitySetup(ProcessEngine engine, RecertProperties.Admin admin) {
    this.identityService = engine.getIdentityService();
    this.authorizationService = engine.getAuthorizationService();
    this.filterService = engine.getFilterService();
    this.taskService = engine.getTaskService();
    this.admin = admin;
  }

  public void run() {
    createGroup(ADMIN_GROUP, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    createGroup(org.namss.recert.security.Groups.STAFF, "Certification staff", Groups.GROUP_TYPE_WORKFLOW);
    createGroup(org.namss.recert.security.Groups.LEAD, "Certification team lead", Groups.GROUP_TYPE_WORKFLOW);
    createGroup(org.namss.recert.security.Groups.ANALYSTS, "Business analysts", Groups.GROUP_TYPE_WORKFLOW);
    createGroup(org.namss.recert.security.Groups.OPERATIONS, "Operations", Groups.GROUP_TYPE_WORKFLOW);
    createGroup(org.namss.recert.security.Groups.CERTIFICANTS, "Certificants", Groups.GROUP_TYPE_WORKFLOW);
    // the payment provider's service account: the API's card-payment confirmation only, so no authorization here
    createGroup(org.namss.recert.security.Groups.PAYMENT_SERVICE, "Payment provider (service account)",
        Groups.GROUP_TYPE_WORKFLOW);
    createAdministrator();
    grantAdministrators();
    grantStaff(org.namss.recert.security.Groups.STAFF);
    grantStaff(org.namss.recert.security.Groups.LEAD);
    grantAnalysts();
    grantOperations();
    createFilter("Certification staff: review and payments", org.namss.recert.security.Groups.STAFF, -10);
    createFilter("Certification lead: escalations", org.namss.recert.security.Groups.LEAD, -5);
  }

  private void createGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  private void createAdministrator() {
    String userId = admin.userId();
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      return; // an existing user keeps the password it has (changed in Camunda Admin, not here)
    }
    String password = admin.password();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    User user = identityService.newUser(userId);
    user.setFirstName("Recertification");
    user.setLastName("Administrator");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(userId, ADMIN_GROUP);
    identityService.createMembership(userId, org.namss.recert.security.Groups.STAFF);
    if (generated) {
      // printed once, the way Spring Security prints its generated password; set RECERT_ADMIN_PASSWORD to avoid
      LOG.warn("%n%nGenerated password for the administrator '{}': {}%n"
              .replace("%n", System.lineSeparator())
              + "Change it in Camunda Admin. It is not shown again.{}",
          userId, password, System.lineSeparator());
    }
  }

  private void grantAdministrators() {
    for (Resource resource : Resources.values()) {
      grant(ADMIN_GROUP, resource, ANY, Permissions.ALL);
    }
  }

  /** Staff work their tasks in Tasklist and the processes those tasks belong to. */
  private void grantStaff(String group) {
    grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    for (String key : PROCESS_KEYS) {
      grant(group, Resources.PROCESS_DEFINITION, key,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.TASK_WORK,
          ProcessDefinitionPermissions.READ_HISTORY);
    }
    grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    grant(group, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.TASK_WORK);
    grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(group, Resources.USER, ANY, Permissions.READ);
    grant(group, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Analysts deploy decision tables (Camunda Modeler's deploy button) and read decisions in Cockpit. */
  private void grantAnalysts() {
    String group = org.namss.recert.security.Groups.ANALYSTS;
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
    grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
        Permissions.READ_HISTORY);
    grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
  }

  /**
   * Operations watch instances, handle incidents (retry jobs) and cancel a renewal that must not continue
   * (docs/operations.md) in Cockpit. An installation set up by an earlier version gets what is added here at its
   * next start: {@link #grant} adds the missing permissions to the group's existing authorization.
   */
  private void grantOperations() {
    String group = org.namss.recert.security.Groups.OPERATIONS;
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(group, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE);
    grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
        ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.RETRY_JOB,
        ProcessInstancePermissions.CREATE, ProcessInstancePermissions.DELETE);
    grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(group, Resources.BATCH, ANY, Permissions.READ, Permissions.CREATE);
    grant(group, Resources.TASK, ANY, Permissions.READ);
  }

  /**
   * Grants the permissions, adding those missing to the group's existing grant on the resource (an upgrade adds
   * what the new version grants; what an administrator added stays). A revocation an administrator made for the
   * group on the same resource is neither changed nor a reason to fail.
   */
  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
    Authorization authorization = existing != null ? existing
        : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }

  private void createFilter(String name, String candidateGroup, int priority) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setOwner(admin.userId())
        .setProperties(Map.of("priority", priority, "description",
            "Open tasks for the group " + candidateGroup, "refresh", true, "color", "#3366cc"));
    filter.setQuery(taskService.createTaskQuery().taskCandidateGroup(candidateGroup).includeAssignedTasks());
    filterService.saveFilter(filter);
    Authorization read = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    read.setGroupId(candidateGroup);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
  }

}
