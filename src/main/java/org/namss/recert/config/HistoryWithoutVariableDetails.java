package org.namss.recert.config;

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
 */
public final class HistoryWithoutVariableDetails extends DbHistoryEventHandler {

  @Override
  protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
    return false;
  }
}
