package org.namss.recert.rules;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.variable.VariableMap;

/** Evaluates the decision with the given key on the given inputs. */
@FunctionalInterface
public interface DecisionEvaluator {

  DmnDecisionResult evaluate(String decisionKey, VariableMap variables);
}
