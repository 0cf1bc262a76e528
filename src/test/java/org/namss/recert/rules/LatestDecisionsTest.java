package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java code's decisions follow new table versions: at once after a deployment on this node, within the
 * refresh time after one on another node; no decision history is written for them.
 */
class LatestDecisionsTest {

  /** Counts the deployments of this engine, as the application's plugin registers it. */
  final DecisionDeployments thisNode = new DecisionDeployments();
  ProcessEngine engine;

  @BeforeEach
  void engine() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("latest-decisions-test")
        .setJdbcUrl("jdbc:h2:mem:latest-decisions-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL).setJobExecutorActivate(false);
    configuration.setCustomPostDeployers(List.of(thisNode));
    ParsedFeelEngine.use(configuration);
    engine = configuration.buildProcessEngine();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  @DisplayName("R8: a late fee changed by a deployment on this node is used by the very next evaluation")
  void deploymentOnThisNodeTakesEffectAtOnce() {
    LatestDecisions decisions = new LatestDecisions(engine, thisNode, Duration.ofHours(1));
    deployLateFee("50");
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertThat(lateFee(decisions)).isEqualTo(50L);

    deployLateFee("75");
    assertThat(lateFee(decisions)).isEqualTo(75L);
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().count())
        .as("what a decision decided is kept where it is used, not as decision history").isZero();
  }

  @Test
  @DisplayName("R8: a version deployed by another cluster node is used once the refresh time has passed")
  void deploymentOnAnotherNodeTakesEffectWithinTheRefreshTime() {
    AtomicLong clock = new AtomicLong();
    // this node's counter does not see the deployments made through the engine below, as for another node's
    LatestDecisions decisions = new LatestDecisions(engine, new DecisionDeployments(), Duration.ofSeconds(5),
        256, clock::get);
    deployLateFee("50");
    assertThat(lateFee(decisions)).isEqualTo(50L);

    deployLateFee("75");
    clock.addAndGet(Duration.ofMillis(4_999).toNanos());
    assertThat(lateFee(decisions)).as("still the version looked up less than 5 s ago").isEqualTo(50L);
    clock.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(lateFee(decisions)).as("5 s after the last look-up").isEqualTo(75L);
  }

  @Test
  @DisplayName("R8: the same question to the same version is answered from its kept result; a new version evaluates")
  void sameQuestionSameVersionIsNotEvaluatedAgain() {
    LatestDecisions decisions = new LatestDecisions(engine, thisNode, Duration.ofHours(1), 2);
    deployLateFee("50");
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertThat(decisions.evaluate("lateFeeCheck", Variables.createVariables().putValue("timing", "ON_TIME")))
        .as("another question: no rule matches").isEmpty();
    assertCounted(decisions, 2, 1);

    deployLateFee("75");
    assertThat(lateFee(decisions)).as("the new version's answer, not the kept one").isEqualTo(75L);
    assertThat(lateFee(decisions)).isEqualTo(75L);
    assertCounted(decisions, 3, 2);
  }

  @Test
  @DisplayName("A look-up after the refresh time that finds the same version keeps its answers")
  void refreshOfTheSameVersionKeepsItsAnswers() {
    AtomicLong clock = new AtomicLong();
    LatestDecisions decisions = new LatestDecisions(engine, new DecisionDeployments(), Duration.ofSeconds(5), 256,
        clock::get);
    deployLateFee("50");
    assertThat(lateFee(decisions)).isEqualTo(50L);

    clock.addAndGet(Duration.ofSeconds(6).toNanos()); // looked up again: still the same version
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertCounted(decisions, 1, 1);
  }

  @Test
  @DisplayName("With no results kept every question evaluates the table")
  void noResultsKept() {
    LatestDecisions decisions = new LatestDecisions(engine, thisNode, Duration.ofHours(1), 0);
    deployLateFee("50");
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertThat(lateFee(decisions)).isEqualTo(50L);
    assertCounted(decisions, 2, 0);
    assertThatThrownBy(() -> new LatestDecisions(engine, thisNode, Duration.ofHours(1), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultsKept");
  }

  @Test
  @DisplayName("A key that was never deployed is an error that names it")
  void unknownKey() {
    LatestDecisions decisions = new LatestDecisions(engine, thisNode, Duration.ofSeconds(5));
    assertThatThrownBy(() -> decisions.evaluate("noSuchDecision", Variables.createVariables()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("noSuchDecision");
  }

  private static void assertCounted(LatestDecisions decisions, long evaluated, long answeredFromKept) {
    assertThat(decisions.evaluations()).as("tables evaluated").isEqualTo(evaluated);
    assertThat(decisions.answeredFromKept()).as("answered from a kept result").isEqualTo(answeredFromKept);
  }

  private long lateFee(LatestDecisions decisions) {
    Object fee = decisions.evaluate("lateFeeCheck", Variables.createVariables().putValue("timing", "LATE"))
        .getSingleResult().getSingleEntry();
    return ((Number) fee).longValue();
  }

  private void deployLateFee(String amount) {
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="lateFeeCheckDefinitions"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" name="Late fee"
            namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="lateFeeCheck" name="Late fee" camunda:historyTimeToLive="180">
            <decisionTable id="lateFeeCheckTable" hitPolicy="UNIQUE">
              <input id="timingInput" label="Timing">
                <inputExpression id="timingExpression" typeRef="string"><text>timing</text></inputExpression>
              </input>
              <output id="feeOutput" name="fee" typeRef="number" />
              <rule id="lateRule">
                <inputEntry id="lateEntry"><text>"LATE"</text></inputEntry>
                <outputEntry id="lateFee"><text>%s</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(amount);
    engine.getRepositoryService().createDeployment().name("late fee " + amount)
        .addString("decisions/lateFeeCheck.dmn", dmn).deploy();
  }
}
