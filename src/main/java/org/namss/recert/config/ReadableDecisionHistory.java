package org.namss.recert.config;

import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.history.producer.DefaultDmnHistoryEventProducer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The engine's decision history, except that an input that FEEL made a date, time or duration (such as
 * submissionTiming's {@code date(submittedOn)}) is kept as its ISO-8601 text, {@code "2026-11-01"}, rather than as a
 * Java-serialized {@code java.time.LocalDate}: Cockpit's decision instance view shows the date to operators and
 * analysts instead of a serialized object it cannot display, and the history row needs no {@code ACT_GE_BYTEARRAY}
 * row beside it (one per such input and evaluation: about 1.2 per renewal, docs/performance.md). Every other input
 * and every output is written as before.
 *
 * <p>Installed by {@link EngineConfiguration}. It overrides a protected method of an engine class ({@code impl}
 * package, not public API), repeating what it does but for the value: check it when upgrading Camunda
 * ({@code EngineConfigurationTest} fails if it stops working).
 */
public final class ReadableDecisionHistory extends DefaultDmnHistoryEventProducer {

  @Override
  protected List<HistoricDecisionInputInstance> createHistoricDecisionInputInstances(
      DmnDecisionTableEvaluationEvent evaluationEvent, String rootProcessInstanceId, Date removalTime) {
    List<HistoricDecisionInputInstance> inputs = new ArrayList<>();
    for (DmnEvaluatedInput clause : evaluationEvent.getInputs()) {
      HistoricDecisionInputInstanceEntity input =
          new HistoricDecisionInputInstanceEntity(rootProcessInstanceId, removalTime);
      input.setClauseId(clause.getId());
      input.setClauseName(clause.getName());
      input.setCreateTime(ClockUtil.getCurrentTime());
      input.setValue(readable(clause.getValue()));
      inputs.add(input);
    }
    return inputs;
  }

  /** A java.time value as its ISO-8601 text; anything else as the engine keeps it. */
  static TypedValue readable(TypedValue value) {
    Object plain = value == null ? null : value.getValue();
    if (plain instanceof TemporalAccessor || plain instanceof TemporalAmount) {
      return Variables.stringValue(plain.toString());
    }
    return Variables.untypedValue(value);
  }
}
