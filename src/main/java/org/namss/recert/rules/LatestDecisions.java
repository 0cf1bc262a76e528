package org.namss.recert.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>
 * A decision table is a function of its inputs, so each version's results are kept for about {@code resultsKept}
 * different inputs per version (the most used, as Caffeine evicts; 0 for none): the e-mails of a renewal ask the same
 * few questions (the renewal year's calendar, the cycle, the late fee) again and again, and a profile of the season
 * found their evaluation in 5 % of the application's CPU (docs/performance-history.md, fourteenth session). A new
 * version starts with none kept, so what an analyst deploys is what the next question gets. None of our tables reads
 * the clock ({@code now()}, {@code today()}); one that did would have to be asked with the date as an input
 * (docs/analysts.md says so). The inputs are the key: pass immutable values (text, numbers, {@code LocalDate}, ...),
 * never a {@code java.util.Date} or a list changed later. The result is shared between callers that ask the same:
 * read it, do not change it.
 */
public class LatestDecisions implements DecisionEvaluator {

  private final CommandExecutor commands;
  private final DecisionDeployments deployments;
  private final long refreshNanos;
  private final DmnEngine dmn;
  private final ConcurrentMap<String, Latest> latest = new ConcurrentHashMap<>();
  private final LongAdder evaluations = new LongAdder();
  private final LongAdder answeredFromKept = new LongAdder();
  private final int resultsKept;
  private final LongSupplier nanoTime;

  private record Latest(String definitionId, DmnDecision decision, Cache<Map<String, Object>, DmnDecisionResult> kept,
      long checkedAt, long generation) {}

  /** The latest version of a key, and its DMN file when it is not the one already kept. */
  private record Found(String definitionId, byte[] dmnXml) {}

  /** The default of {@code recert.rules.results-kept}: inputs whose results are kept per table version. */
  public static final int DEFAULT_RESULTS_KEPT = 256;

  /** Keeps the results of about {@link #DEFAULT_RESULTS_KEPT} different inputs of each table version. */
  public LatestDecisions(ProcessEngine engine, DecisionDeployments deployments, Duration refresh) {
    this(engine, deployments, refresh, DEFAULT_RESULTS_KEPT);
  }

  /** @param resultsKept how many inputs' results of each table version are kept; 0 evaluates every question */
  public LatestDecisions(ProcessEngine engine, DecisionDeployments deployments, Duration refresh, int resultsKept) {
    this(engine, deployments, refresh, resultsKept, System::nanoTime);
  }

  /** @param nanoTime the clock of the refresh (tests move it by hand) */
  LatestDecisions(ProcessEngine engine, DecisionDeployments deployments, Duration refresh, int resultsKept,
      LongSupplier nanoTime) {
    if (resultsKept < 0) {
      throw new IllegalArgumentException("resultsKept must not be negative: " + resultsKept);
    }
    this.resultsKept = resultsKept;
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
    Latest latest = decision(decisionKey);
    if (latest.kept() == null) {
      return evaluated(latest, variables);
    }
    Map<String, Object> inputs = Collections.unmodifiableMap(new HashMap<>(variables));
    DmnDecisionResult kept = latest.kept().getIfPresent(inputs);
    if (kept != null) {
      answeredFromKept.increment();
      return kept;
    }
    DmnDecisionResult result = evaluated(latest, variables);
    latest.kept().put(inputs, result);
    return result;
  }

  private DmnDecisionResult evaluated(Latest latest, VariableMap variables) {
    DmnDecisionResult result = dmn.evaluateDecision(latest.decision(), variables);
    evaluations.increment();
    return result;
  }

  /** Decisions evaluated here since start (they write no decision history to count them by). */
  public long evaluations() {
    return evaluations.sum();
  }

  /** Questions answered with a kept result of the same version since start, without evaluating the table. */
  public long answeredFromKept() {
    return answeredFromKept.sum();
  }

  private Latest decision(String key) {
    long now = nanoTime.getAsLong();
    long generation = deployments.generation();
    Latest cached = latest.get(key);
    if (cached != null && cached.generation() == generation && now - cached.checkedAt() < refreshNanos) {
      return cached;
    }
    Found found = commands.execute(context -> lookUp(context, key, cached));
    if (found == null) {
      throw new IllegalStateException("No decision with key '" + key + "' is deployed");
    }
    Latest fresh = found.dmnXml() == null
        ? new Latest(found.definitionId(), cached.decision(), cached.kept(), now, generation) // the same version
        : new Latest(found.definitionId(), dmn.parseDecision(key, new ByteArrayInputStream(found.dmnXml())),
            resultsKept == 0 ? null : Caffeine.newBuilder().maximumSize(resultsKept).build(), now, generation);
    // a slower look-up that began earlier never replaces a newer one
    latest.merge(key, fresh, (kept, newer) -> newer.checkedAt() - kept.checkedAt() >= 0 ? newer : kept);
    return fresh;
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
   * in the engine's metrics (executed decision instances and elements), as Cockpit and Prometheus show them; an
   * answer from a kept result is no evaluation and does not count.
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
    DefaultDmnEngineConfiguration configuration = DmnEngines.like(engines);
    configuration.setCustomPostDecisionEvaluationListeners(List.of(metrics));
    return configuration.buildEngine();
  }
}
