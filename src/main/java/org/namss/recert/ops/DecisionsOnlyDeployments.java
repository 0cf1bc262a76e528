package org.namss.recert.ops;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.namss.recert.rules.DecisionDeployments;

/**
 * Business analysts deploy decision tables, nothing else (README, "Groups and rights"): the engine's CREATE
 * permission on deployments, which their group needs for Camunda Modeler's deploy button, covers any resource, and a
 * BPMN process deployed with it would run its expressions (a timer start event, a script) on the job executor with no
 * one's authorization. So a deployment made by an authenticated user who is not a Camunda administrator (group
 * {@code camunda-admin} or the engine's admin users) may hold DMN files ({@code .dmn}, {@code .dmn11.xml}) only; any
 * other resource refuses the whole deployment (403, nothing deployed). Deployments without an authenticated user
 * (the application's own at start, {@code config/ModelDeployer}) are not concerned; staff and operations have no
 * CREATE permission on deployments at all. Runs before the engine's deployers, for new deployments only.
 */
class DecisionsOnlyDeployments implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Authentication caller = context == null ? null : context.getAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return; // the application itself
    }
    if (context.getAuthorizationManager().isCamundaAdmin(caller)) {
      return;
    }
    List<String> refused = deployment.getResources().keySet().stream()
        .filter(name -> !DecisionDeployments.isDecisionFile(name)).sorted().toList();
    if (!refused.isEmpty()) {
      throw new AuthorizationException("User '" + caller.getUserId() + "' may deploy decision tables (.dmn files) "
          + "only, not " + refused + ": nothing was deployed. Processes, forms and other resources are deployed by "
          + "the application's release (or a Camunda administrator).");
    }
  }
}
