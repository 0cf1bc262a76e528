package org.namss.recert.config;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's database history writer, except that a change of a process variable updates only the variable's
 * history row ({@code ACT_HI_VARINST}: name, latest value, when created, removed) and adds no
 * {@code ACT_HI_DETAIL} row of its own. Everything else the history level {@code full} writes (activities, tasks,
 * job log, user operation log, incidents, decisions, form fields) is written as before.
 *
 * <p>Installed by {@link EngineConfiguration} unless {@code recert.history.variable-details} is true. Camunda
 * decides whether to write such a row in {@link #shouldWriteHistoricDetail}, its documented extension point for
 * history back-ends ({@code DbHistoryEventHandler}).
 */
public class HistoryWithoutVariableDetails extends DbHistoryEventHandler {

  @Override
  protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
    return false;
  }
}
