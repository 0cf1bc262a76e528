package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine as {@link EngineConfiguration} sets it up (docs/performance.md): time-ordered ids, and history level
 * full without a row per variable change (recert.history.variable-details): the variable's history row follows its
 * value, no ACT_HI_DETAIL row is written, the rest of full history is.
 */
class EngineConfigurationTest extends ApplicationTest {

  @Autowired EngineConfiguration engineConfiguration;
  @Autowired RecertProperties properties;

  @Test
  void theEngineMakesItsIdsWithTheTimeOrderedGenerator() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getIdGenerator()).isInstanceOf(TimeOrderedIdGenerator.class);

    Task first = engine.getTaskService().newTask();
    Task second = engine.getTaskService().newTask();
    try {
      engine.getTaskService().saveTask(first);
      engine.getTaskService().saveTask(second);
      assertThat(UUID.fromString(first.getId()).version()).isEqualTo(7);
      assertThat(second.getId()).isGreaterThan(first.getId());
    } finally {
      engine.getTaskService().deleteTask(first.getId(), true);
      engine.getTaskService().deleteTask(second.getId(), true);
    }
  }

  @Test
  void aChangedVariableKeepsItsLatestValueInHistoryButNoDetailRows() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);

    Task task = engine.getTaskService().newTask();
    engine.getTaskService().saveTask(task);
    try {
      engine.getTaskService().setVariableLocal(task.getId(), "reviewNote", "first");
      engine.getTaskService().setVariableLocal(task.getId(), "reviewNote", "second");

      List<HistoricVariableInstance> variables = engine.getHistoryService().createHistoricVariableInstanceQuery()
          .taskIdIn(task.getId()).list();
      assertThat(variables).singleElement().satisfies(v -> {
        assertThat(v.getName()).isEqualTo("reviewNote");
        assertThat(v.getValue()).isEqualTo("second");
      });
      assertThat(engine.getHistoryService().createHistoricDetailQuery().taskId(task.getId()).count()).isZero();
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).count())
          .as("the rest of full history is written").isOne();
    } finally {
      engine.getTaskService().deleteTask(task.getId(), true);
    }
  }

  @Test
  void theSettingPutsTheDefaultWriterBack() {
    ProcessEngineConfigurationImpl withDetails = new StandaloneInMemProcessEngineConfiguration();
    engineConfiguration.historyWithoutVariableDetails(withHistory(true)).preInit(withDetails);
    assertThat(withDetails.isEnableDefaultDbHistoryEventHandler()).isTrue();
    assertThat(withDetails.getCustomHistoryEventHandlers()).isNullOrEmpty();

    ProcessEngineConfigurationImpl withoutDetails = new StandaloneInMemProcessEngineConfiguration();
    engineConfiguration.historyWithoutVariableDetails(withHistory(false)).preInit(withoutDetails);
    assertThat(withoutDetails.isEnableDefaultDbHistoryEventHandler()).isFalse();
    assertThat(withoutDetails.getCustomHistoryEventHandlers()).last()
        .isInstanceOf(HistoryWithoutVariableDetails.class);
  }

  private RecertProperties withHistory(boolean variableDetails) {
    return new RecertProperties(properties.zone(), properties.admin(), properties.models(), properties.rules(),
        new RecertProperties.History(variableDetails));
  }
}
