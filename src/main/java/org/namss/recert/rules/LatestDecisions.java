package org.namss.recert.rules;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Evaluates the latest deployed version of a decision by its key, for the rules the Java code asks
 * ({@link DecisionRules}).
 * <p>
 * The engine's {@code DecisionService} looks the latest version up in the database and writes decision history
 * on every call, which caps it at a few hundred evaluations per second. Here each key's latest version is parsed
 * once and kept: it is looked up again when this node commits a deployment with a decision table
 * ({@link DecisionDeployments}), and at the latest {@code refresh} after the last look-up, so that a version
 * another cluster node deployed is taken within that time. Evaluation runs on a DMN engine with the process
 * engine's own FEEL engine and settings, without decision history (what a decision decided is kept where it is
 * used: invoice lines, renewal case, process variables). The business-rule tasks of the processes still go
 * through the process engine, with history.
 */
public class LatestDecisions implements DecisionEvaluator {

  private final CommandExecutor commands;
  private final DecisionDeployments deployments;
  private final long refreshNanos;
  private final DmnEngine dmn;
  private final ConcurrentMap<String, Latest> latest = new ConcurrentHashMap<>();
  private final LongAdder evaluations = new LongAdder();
  private final LongSupplier nanoTime;

  private record Latest(String definitionId, DmnDecision decision, long checkedAt, long generation) {}

  /** The latest version of a key, and its DMN file when it is not the one already kept. */
  private record Found(String definitionId, byte[] dmnXml) {}

  public LatestDecisions(ProcessEngine engine, DecisionDeployments deployments, Duration refresh) {
    this(engine, deployments, refresh, System::nanoTime);
  }

  /** @param nanoTime the clock of the refresh (tests move it by hand) */
  LatestDecisions(ProcessEngine engine, DecisionDeployments deployments, Duration refresh, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    this.deployments = Objects.requireNonNull(deployments, "deployments");
    this.refreshNanos = refresh.toNanos();
    this.dmn = dmnEngineLike((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
  }

  /** The decision's result for these inputs, by the latest version deployed. */
  @Override
  public DmnDecisionResult evaluate(String decisionKey, VariableMap variables) {
    DmnDecisionResult result = dmn.evaluateDecision(decision(decisionKey), variables);
    evaluations.increment();
    return result;
  }

  /** Decisions evaluated here since start (they write no decision history to count them by). */
  public long evaluations() {
    return evaluations.sum();
  }

  private DmnDecision decision(String key) {
    long now = nanoTime.getAsLong();
    long generation = deployments.generation();
    Latest cached = latest.get(key);
    if (cached != null && cached.generation() == generation && now - cached.checkedAt() < refreshNanos) {
      return cached.decision();
    }
    Found found = commands.execute(context -> lookUp(context, key, cached));
    if (found == null) {
      throw new IllegalStateException("No decision with key '" + key + "' is deployed");
    }
    DmnDecision decision = found.dmnXml() == null ? cached.decision()
        : dmn.parseDecision(key, new ByteArrayInputStream(found.dmnXml()));
    // a slower look-up that began earlier never replaces a newer one
    latest.merge(key, new Latest(found.definitionId(), decision, now, generation),
        (kept, fresh) -> fresh.checkedAt() - kept.checkedAt() >= 0 ? fresh : kept);
    return decision;
  }

  /**
   * The latest version without a tenant, as the business-rule tasks resolve it; read as the engine itself reads
   * it, without the authorization checks of whoever happens to be signed in on this thread (the rules are the
   * rules for everyone).
   */
  private static Found lookUp(CommandContext context, String key, Latest cached) {
    context.disableAuthorizationCheck();
    try {
      DecisionDefinitionEntity definition = context.getDecisionDefinitionManager()
          .findLatestDecisionDefinitionByKeyAndTenantId(key, null);
      if (definition == null) {
        return null;
      }
      if (cached != null && cached.definitionId().equals(definition.getId())) {
        return new Found(definition.getId(), null);
      }
      ResourceEntity dmnFile = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return new Found(definition.getId(), dmnFile.getBytes());
    } finally {
      context.enableAuthorizationCheck();
    }
  }

  /**
   * A DMN engine that evaluates as the process engine's does (its FEEL engine, expression languages and
   * settings) but without its listeners, which write history and need a command context. Evaluations still count
   * in the engine's metrics (executed decision instances and elements), as Cockpit and Prometheus show them.
   */
  private static DmnEngine dmnEngineLike(ProcessEngineConfigurationImpl processEngine) {
    DefaultDmnEngineConfiguration engines = processEngine.getDmnEngineConfiguration();
    DmnDecisionEvaluationListener metrics = evaluation -> {
      if (processEngine.isMetricsEnabled() && processEngine.getMetricsRegistry() != null) {
        processEngine.getMetricsRegistry().markOccurrence(Metrics.EXECUTED_DECISION_INSTANCES,
            evaluation.getExecutedDecisionInstances());
        processEngine.getMetricsRegistry().markOccurrence(Metrics.EXECUTED_DECISION_ELEMENTS,
            evaluation.getExecutedDecisionElements());
      }
    };
    DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
    configuration.setCustomPostDecisionEvaluationListeners(List.of(metrics));
    configuration.feelEngineFactory(engines::getFeelEngine)
        .elProvider(engines.getElProvider())
        .scriptEngineResolver(engines.getScriptEngineResolver())
        .defaultInputExpressionExpressionLanguage(engines.getDefaultInputExpressionExpressionLanguage())
        .defaultInputEntryExpressionLanguage(engines.getDefaultInputEntryExpressionLanguage())
        .defaultOutputEntryExpressionLanguage(engines.getDefaultOutputEntryExpressionLanguage())
        .defaultLiteralExpressionLanguage(engines.getDefaultLiteralExpressionLanguage())
        .enableFeelLegacyBehavior(engines.isEnableFeelLegacyBehavior())
        .setReturnBlankTableOutputAsNull(engines.isReturnBlankTableOutputAsNull());
    return configuration.buildEngine();
  }
}
