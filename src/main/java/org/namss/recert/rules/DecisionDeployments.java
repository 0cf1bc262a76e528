package org.namss.recert.rules;

import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;

/**
 * An engine deployer that counts committed deployments holding decision tables on this node (a new version from
 * the analysts' REST deploy, Camunda Modeler or a restart with a changed folder). {@link LatestDecisions} looks up
 * the latest versions again as soon as the count moves.
 */
public class DecisionDeployments implements Deployer {

  private final AtomicLong generation = new AtomicLong();

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.getResources() == null
        || deployment.getResources().keySet().stream().noneMatch(DecisionDeployments::isDecisionFile)) {
      return;
    }
    var commandContext = Context.getCommandContext();
    if (commandContext == null) {
      generation.incrementAndGet();
      return;
    }
    commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> generation.incrementAndGet());
  }

  /** Whether a deployment's resource is a DMN file, as the engine's DMN deployer takes it. */
  public static boolean isDecisionFile(String resourceName) {
    return resourceName != null && (resourceName.endsWith(".dmn") || resourceName.endsWith(".dmn11.xml"));
  }

  /** Moves on every committed deployment with a decision table. */
  public long generation() {
    return generation.get();
  }
}
