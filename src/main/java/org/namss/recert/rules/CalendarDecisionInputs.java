package org.namss.recert.rules;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.invocation.DecisionInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.impl.context.CompositeVariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Gives the decisions that read renewalCalendar's dates ({@link Decisions#READ_THE_CALENDAR}) those dates when the
 * engine evaluates them: the processes' business-rule tasks ({@code BusinessRuleTask_DecideTiming},
 * {@code BusinessRuleTask_RedecideTiming}, {@code BusinessRuleTask_DecideEligibility}) and the engine REST API's
 * {@code /decision-definition/key/.../evaluate}. The Java code passes them itself ({@link DecisionRules}).
 * <p>
 * The dates are those of {@code renewalCalendar} (its latest version) for the {@code renewalYear} of the evaluation,
 * added to what the task gives the table: in a process they take the place of any variable of the same name; a
 * caller of the decision service or the engine REST API that passes a date itself (to try out another) keeps it.
 * <p>
 * It is done here, not with input parameters in the models, because the engine evaluates the latest version of a
 * table by key from every process-definition version: the versions deployed before the tables read the calendar
 * (still running renewals and extension requests on existing installations) get the dates too, with no migration,
 * and no renewal writes them as variables (a runtime and a history row each, docs/performance.md). The decision
 * history (Cockpit, <em>Decision instances</em>) shows them as the table's inputs.
 * <p>
 * Installed as the engine's delegate interceptor around the one it had ({@code postInit}). It sets a protected
 * field of an engine class ({@code DecisionInvocation.variableContext}, {@code impl} package, not public API): check
 * it when upgrading Camunda; it fails at start-up if the field is gone, and {@code RenewalCalendarDecidesTest}
 * evaluates a business-rule task of the old models' shape.
 */
public final class CalendarDecisionInputs extends AbstractProcessEnginePlugin {

  private static final Field VARIABLE_CONTEXT = variableContextField();

  private final Supplier<DecisionRules> rules;

  /** @param rules the rules (asked lazily: they need the engine this plugin configures) */
  public CalendarDecisionInputs(Supplier<DecisionRules> rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    DelegateInterceptor engines = Objects.requireNonNull(configuration.getDelegateInterceptor(),
        "the engine's delegate interceptor");
    configuration.setDelegateInterceptor(invocation -> {
      if (invocation instanceof DecisionInvocation decision) {
        withCalendar(decision);
      }
      engines.handleInvocation(invocation);
    });
  }

  private void withCalendar(DecisionInvocation invocation) throws IllegalAccessException {
    if (!Decisions.READ_THE_CALENDAR.contains(invocation.getDecisionDefinition().getKey())) {
      return;
    }
    VariableContext given = (VariableContext) VARIABLE_CONTEXT.get(invocation);
    TypedValue year = given.resolve(Decisions.RENEWAL_YEAR);
    if (year == null || !(year.getValue() instanceof Number renewalYear)) {
      return; // the table says what is missing
    }
    VariableContext calendar = Variables.fromMap(rules.get().renewalCalendar(renewalYear.intValue()).asInputs())
        .asVariableContext();
    // a process's variables never stand in for the calendar's dates; a caller's own map (DecisionService, engine
    // REST) may give other dates to try them out
    VARIABLE_CONTEXT.set(invocation, given instanceof VariableMap
        ? CompositeVariableContext.compose(given, calendar)
        : CompositeVariableContext.compose(calendar, given));
  }

  private static Field variableContextField() {
    try {
      Field field = DecisionInvocation.class.getDeclaredField("variableContext");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda's DecisionInvocation has no field variableContext any more: "
          + "CalendarDecisionInputs must be adapted to this Camunda version", e);
    }
  }
}
