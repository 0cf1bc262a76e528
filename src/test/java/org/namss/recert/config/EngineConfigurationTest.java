package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.event.PublishDelegateParseListener;
import org.camunda.bpm.spring.boot.starter.event.PublishHistoryEventHandler;
import org.junit.jupiter.api.Test;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The engine as {@link EngineConfiguration} sets it up (docs/performance.md): time-ordered ids, and history level
 * full without a row per variable change (recert.history.variable-details): the variable's history row follows its
 * value, no ACT_HI_DETAIL row is written, the rest of full history is; jobs acquired by due date through an index.
 */
class EngineConfigurationTest extends ApplicationTest {

  @Autowired EngineConfiguration engineConfiguration;
  @Autowired RecertProperties properties;
  @Autowired DataSource dataSource;
  @Autowired UndatedJobSweep undatedJobSweep;
  @Autowired ScheduledTaskHolder scheduledTasks;

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
  void aDecisionsDateInputIsKeptInHistoryAsIsoTextThatCockpitShows() {
    // submissionTiming (R8, R15) reads its dates with FEEL's date(): the engine kept them as serialized LocalDates
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    long bytearrays = jdbc.queryForObject("select count(*) from ACT_GE_BYTEARRAY", Long.class);
    String timing = engine.getDecisionService().evaluateDecisionTableByKey("submissionTiming")
        .variables(Variables.createVariables().putValue("renewalYear", 2041).putValue("submittedOn", "2041-10-15")
            .putValue("checkDatedOn", null).putValue("extensionGranted", false))
        .evaluate().getSingleEntry();
    assertThat(timing).isEqualTo("ON_TIME");

    // this evaluation's history, told from other tests' by its renewal year (their clocks may have been later)
    List<HistoricDecisionInstance> evaluated = engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("submissionTiming").includeInputs().list().stream()
        .filter(instance -> instance.getInputs().stream().anyMatch(input
            -> "Input_renewalYear".equals(input.getClauseId()) && Integer.valueOf(2041).equals(input.getValue())))
        .toList();
    assertThat(evaluated).hasSize(1);
    Map<String, HistoricDecisionInputInstance> inputs = evaluated.get(0).getInputs().stream()
        .collect(Collectors.toMap(HistoricDecisionInputInstance::getClauseId, input -> input));
    assertThat(inputs.get("Input_submittedOn")).satisfies(input -> {
      assertThat(input.getTypeName()).isEqualTo("string");
      assertThat(input.getValue()).isEqualTo("2041-10-15");
    });
    assertThat(inputs.get("Input_checkDatedOn").getValue()).isNull();
    assertThat(inputs.get("Input_renewalYear").getTypeName()).as("other inputs as before").isEqualTo("integer");
    assertThat(inputs.get("Input_extensionGranted").getValue()).isEqualTo(false);
    assertThat(jdbc.queryForObject("select count(*) from ACT_GE_BYTEARRAY", Long.class))
        .as("no serialized value beside the history rows").isEqualTo(bytearrays);
  }

  @Test
  void theEnginePublishesNoSpringEventsNobodyListensTo() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // camunda.bpm.eventing: the starter's bridge would publish every execution, task and history event
    assertThat(configuration.getCustomHistoryEventHandlers())
        .noneMatch(handler -> handler instanceof PublishHistoryEventHandler);
    assertThat(configuration.getCustomPostBPMNParseListeners())
        .noneMatch(PublishDelegateParseListener.class::isInstance);
    assertThat(configuration.getCustomHistoryEventHandlers()).last()
        .as("history is still written").isInstanceOf(HistoryWithoutVariableDetails.class);
  }

  @Test
  void theRenewalsWorkingVariablesLeaveNoHistoryWhileTheProcessShowsThem() {
    Task task = engine.getTaskService().newTask();
    engine.getTaskService().saveTask(task);
    try {
      // as the review task's listener sets them (ReviewSummaries), and the e-mail counter with each message
      engine.getTaskService().setVariableLocal(task.getId(), "certificantName", "Ada Lovelace");
      engine.getTaskService().setVariableLocal(task.getId(), "mailCount", 1);
      engine.getTaskService().setVariableLocal(task.getId(), "mailCount", 2);
      engine.getTaskService().setVariableLocal(task.getId(), "reviewNote", "kept");

      assertThat(engine.getTaskService().getVariablesLocal(task.getId()))
          .containsEntry("certificantName", "Ada Lovelace").containsEntry("mailCount", 2);
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId()).list())
          .extracting(HistoricVariableInstance::getName).containsExactly("reviewNote");

      engine.getTaskService().removeVariableLocal(task.getId(), "certificantName");
      assertThat(engine.getTaskService().getVariablesLocal(task.getId())).doesNotContainKey("certificantName");
    } finally {
      engine.getTaskService().deleteTask(task.getId(), true);
    }
  }

  @Test
  void theWorkingVariablesHistoryIsKeptWhenTheSettingSaysSo() {
    ProcessEngineConfigurationImpl notKept = new StandaloneInMemProcessEngineConfiguration();
    engineConfiguration.historyWithoutVariableDetails(withHistory(false, false)).preInit(notKept);
    assertThat(notKept.getCustomHistoryEventHandlers()).last()
        .isInstanceOfSatisfying(HistoryWithoutVariableDetails.class, writer -> {
          assertThat(writer.keepsHistoryOf("mailCount")).isFalse();
          assertThat(writer.keepsHistoryOf("ceActivitiesMarkdown")).isFalse();
          assertThat(writer.keepsHistoryOf("reviewOutcome")).isTrue();
        });

    ProcessEngineConfigurationImpl kept = new StandaloneInMemProcessEngineConfiguration();
    engineConfiguration.historyWithoutVariableDetails(withHistory(false, true)).preInit(kept);
    assertThat(kept.getCustomHistoryEventHandlers()).last()
        .isInstanceOfSatisfying(HistoryWithoutVariableDetails.class,
            writer -> assertThat(writer.keepsHistoryOf("mailCount")).isTrue());
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

  @Test
  void theEngineHasTheIndexesItsQueriesNeedAndOldJobsGetADueDate() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
    try (Connection connection = dataSource.getConnection()) {
      boolean lowerCase = connection.getMetaData().storesLowerCaseIdentifiers();
      List<String> onDueDate = new ArrayList<>();
      List<String> all = new ArrayList<>();
      try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null,
          lowerCase ? "act_ru_job" : "ACT_RU_JOB", false, false)) {
        while (indexes.next()) {
          String name = indexes.getString("INDEX_NAME").toUpperCase();
          all.add(name);
          if ("DUEDATE_".equalsIgnoreCase(indexes.getString("COLUMN_NAME"))) {
            onDueDate.add(name);
          }
        }
      }
      assertThat(onDueDate).containsExactly(EngineIndexes.JOB_DUEDATE);
      assertThat(EngineIndexes.exists(connection, "ACT_RU_TASK", EngineIndexes.TASK_PARENT))
          .as("a task's deletion looks up its sub-tasks by PARENT_TASK_ID_").isTrue();
      if ("postgres".equals(configuration.getDatabaseType())) {
        assertThat(all).contains(EngineIndexes.JOB_LOCKED);
      } else {
        assertThat(all).doesNotContain(EngineIndexes.JOB_LOCKED); // H2 has no partial indexes
      }
    }

    // a job from before the change (no due date) would never be acquired: the plugin dates it at the next start
    assertDated(() -> {
      EngineIndexes indexes = new EngineIndexes();
      indexes.postInit(configuration);
      indexes.postProcessEngineBuild(engine); // again, as at every start: the indexes are there already
      JobAcquisitionByDueDate plugin = new JobAcquisitionByDueDate();
      plugin.postInit(configuration);
      plugin.postProcessEngineBuild(engine);
    });
  }

  @Test
  void theSweepDatesAJobLeftWithoutADueDate() {
    // as a node of the earlier version, or an operator activating a job history cleanup had suspended, leaves it
    assertDated(() -> assertThat(undatedJobSweep.run()).isEqualTo(1));
    assertThat(undatedJobSweep.run()).as("nothing left to date").isZero();
    assertThat(scheduledTasks.getScheduledTasks()).as("scheduled, every minute by default")
        .anySatisfy(task -> assertThat(task.getTask().getRunnable().toString()).endsWith("UndatedJobSweep.run"));
  }

  /** Takes the yearly timer's due date away, runs what should date it, and checks it got its creation time. */
  private void assertDated(Runnable dating) {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("YearlyRenewalProcess")
        .timers().singleResult();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    int revision = jdbc.queryForObject("select REV_ from ACT_RU_JOB where ID_ = ?", Integer.class, timer.getId());
    try {
      jdbc.update("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?", timer.getId());
      dating.run();
      assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where DUEDATE_ is null", Long.class)).isZero();
      assertThat(jdbc.queryForObject("select DUEDATE_ from ACT_RU_JOB where ID_ = ?", Timestamp.class,
          timer.getId())).isEqualTo(jdbc.queryForObject("select CREATE_TIME_ from ACT_RU_JOB where ID_ = ?",
          Timestamp.class, timer.getId()));
      assertThat(jdbc.queryForObject("select REV_ from ACT_RU_JOB where ID_ = ?", Integer.class, timer.getId()))
          .as("a new revision, so that a node holding the job reads it again").isEqualTo(revision + 1);
    } finally {
      jdbc.update("update ACT_RU_JOB set DUEDATE_ = ? where ID_ = ?", new Timestamp(timer.getDuedate().getTime()),
          timer.getId());
    }
  }

  @Test
  void aJobSetToNoDueDateIsDueNowAndAcquired() {
    // an operator's "run it now": PUT /job/{id}/duedate with null, as ExternalFaultsTest does through REST
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("YearlyRenewalProcess")
        .timers().singleResult();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    setClock(LocalDateTime.of(2026, 3, 2, 9, 30));
    try {
      engine.getManagementService().setJobDuedate(timer.getId(), null);

      assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
          .isEqualTo(ClockUtil.getCurrentTime());
      AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
          .execute(new AcquireJobsCmd(configuration.getJobExecutor(), 1000));
      assertThat(acquired.getJobIdBatches()).flatMap(batch -> batch).contains(timer.getId());
    } finally {
      jdbc.update("update ACT_RU_JOB set DUEDATE_ = ? where ID_ = ?", new Timestamp(timer.getDuedate().getTime()),
          timer.getId());
      jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?",
          configuration.getJobExecutor().getLockOwner());
    }
  }

  private RecertProperties withHistory(boolean variableDetails) {
    return withHistory(variableDetails, false);
  }

  private RecertProperties withHistory(boolean variableDetails, boolean workingVariables) {
    return new RecertProperties(properties.zone(), properties.admin(), properties.models(), properties.rules(),
        new RecertProperties.History(variableDetails, workingVariables));
  }
}
