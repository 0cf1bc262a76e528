package org.namss.recert.config;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's database history writer, except that a change of a process variable updates only the variable's
 * history row ({@code ACT_HI_VARINST}: name, latest value, when created, removed) and adds no
 * {@code ACT_HI_DETAIL} row of its own. Everything else the history level {@code full} writes (activities, tasks,
 * job log, user operation log, incidents, decisions, form fields) is written as before.
 *
 * <p>Installed by {@link EngineConfiguration} unless {@code recert.history.variable-details} is true. Camunda's
 * database writer decides whether to write such a row in {@link #shouldWriteHistoricDetail}, a protected method
 * of an engine class ({@code impl} package, not public API): check it when upgrading Camunda
 * ({@code EngineConfigurationTest} fails if it stops working).
 *
 * <p>What the missing rows take away: {@code GET /engine-rest/history/detail} lists no variable changes, and
 * restarting a process instance with {@code initialSetOfVariables} has no initial set to restore (a restart with
 * the last values still works). See docs/operations.md.
 *
 * <p>The variables it is given as not kept (the renewal's working variables, {@code RenewalVariables.WORKING}, unless
 * {@code recert.history.working-variables} is true) get no history row at all: their creation, changes and removal
 * write nothing to {@code ACT_HI_VARINST}. Their runtime rows are as before, so Tasklist and Cockpit show them while
 * the process holds them.
 */
public final class HistoryWithoutVariableDetails extends DbHistoryEventHandler {

  private final Set<String> notKept;

  /** @param notKept the names of the variables whose history is not written at all */
  public HistoryWithoutVariableDetails(Set<String> notKept) {
    this.notKept = Set.copyOf(notKept);
  }

  @Override
  protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity historyEvent) {
    if (keepsHistoryOf(historyEvent.getVariableName())) {
      super.insertHistoricVariableUpdateEntity(historyEvent);
    }
  }

  /** Whether a variable of this name gets a history row. */
  public boolean keepsHistoryOf(String variableName) {
    return !notKept.contains(variableName);
  }

  @Override
  protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
    return false;
  }
}
