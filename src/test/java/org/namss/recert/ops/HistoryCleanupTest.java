package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * History clean-up: every deployed process and decision has a history time to live (a model without one gets the
 * configured default), and the clean-up job is scheduled in the batch window and removes history whose time is up.
 */
class HistoryCleanupTest extends OpsApiTest {

  @Test
  @DisplayName("Every BPMN process and DMN decision (files and deployed definitions) has a TTL; TTLs are enforced")
  void everyModelHasATimeToLive() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        assertThat(Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Process.class))
            .isNotEmpty().allSatisfy(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).as(file + " " + p.getId())
                .isNotBlank());
      }
    }
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("decisions"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        assertThat(org.camunda.bpm.model.dmn.Dmn.readModelFromFile(file.toFile()).getModelElementsByType(
                org.camunda.bpm.model.dmn.instance.Decision.class))
            .isNotEmpty().allSatisfy(d -> assertThat(d.getCamundaHistoryTimeToLiveString()).as(file + " " + d.getId())
                .isNotBlank());
      }
    }
    List<ProcessDefinition> processes = engine.getRepositoryService().createProcessDefinitionQuery().list();
    List<DecisionDefinition> decisions = engine.getRepositoryService().createDecisionDefinitionQuery().list();

    assertThat(processes).extracting(ProcessDefinition::getKey).contains("RecertificationProcess",
        "ExtensionProcess", "RenewalCalendarProcess", "YearlyRenewalProcess");
    assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isNotNull());
    assertThat(decisions).extracting(DecisionDefinition::getKey).contains("feeSchedule", "submissionTiming");
    assertThat(decisions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull());
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");

    assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P180D");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("endTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("none");

    // a model that forgets its TTL gets the configured default instead of keeping history for ever
    engine.getRepositoryService().createDeployment().name("no-ttl").addModelInstance("NoTtlProcess.bpmn",
        Bpmn.createExecutableProcess("NoTtlProcess").startEvent().endEvent().done()).deploy();
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("NoTtlProcess")
        .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(180);
  }

  @Test
  @DisplayName("The clean-up job is scheduled for the batch window and removes decision history older than its TTL")
  void cleanupJobRemovesExpiredHistory() {
    ZoneId server = ZoneId.systemDefault(); // the batch window is in the server's time zone
    LocalDateTime noon = LocalDateTime.of(2026, 3, 2, 12, 0);
    ClockUtil.setCurrentTime(Date.from(noon.atZone(server).toInstant()));
    engine.getDecisionService().evaluateDecisionByKey("reviewDeadlines")
        .variables(Variables.createVariables().putValue("applicationKind", "RECERTIFICATION")).evaluate();
    String evaluated = engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("reviewDeadlines").orderByEvaluationTime().desc().list().get(0).getId();

    Job job = engine.getHistoryService().cleanUpHistoryAsync();

    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).extracting(Job::getId).contains(job.getId());
    LocalDateTime due = LocalDateTime.ofInstant(job.getDuedate().toInstant(), server);
    assertThat(due).isAfter(noon);
    assertThat(due.getHour()).as("due %s", due).isBetween(1, 4);

    // 181 days later, inside the window: the decision's history (TTL P180D) is removed
    ClockUtil.setCurrentTime(Date.from(noon.plusDays(181).withHour(2).atZone(server).toInstant()));
    engine.getManagementService().executeJob(job.getId());

    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionInstanceId(evaluated)
        .count()).isZero();
  }

  @Test
  @DisplayName("An ended instance's history gets no removal time and is removed by its end time once its TTL is up")
  void cleanupRemovesEndedInstancesByEndTime() {
    ZoneId server = ZoneId.systemDefault();
    LocalDateTime noon = LocalDateTime.of(2026, 4, 6, 12, 0);
    ClockUtil.setCurrentTime(Date.from(noon.atZone(server).toInstant()));
    engine.getRepositoryService().createDeployment().name("cleanup-probe").addModelInstance("CleanupProbe.bpmn",
        Bpmn.createExecutableProcess("CleanupProbe").camundaHistoryTimeToLive(180).startEvent().endEvent().done())
        .deploy();
    String ended = engine.getRuntimeService().startProcessInstanceByKey("CleanupProbe",
        Variables.createVariables().putValue("probe", "ended")).getId();
    HistoryService history = engine.getHistoryService();

    // no bulk update of the instance's history rows when it ends (historyRemovalTimeStrategy none)
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(ended)
        .singleResult();
    assertThat(instance.getEndTime()).isNotNull();
    assertThat(instance.getRemovalTime()).isNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ended).list())
        .singleElement().satisfies(v -> assertThat(v.getRemovalTime()).isNull());

    // 179 days after its end the clean-up keeps it; 181 days after, inside the window, it removes it
    cleanUpAt(noon.plusDays(179).withHour(2), server);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isOne();
    cleanUpAt(noon.plusDays(181).withHour(2), server);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ended).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(ended).count()).isZero();
  }

  /** Runs the clean-up job at that time until it has no more full batches to remove. */
  private void cleanUpAt(LocalDateTime at, ZoneId server) {
    ClockUtil.setCurrentTime(Date.from(at.atZone(server).toInstant()));
    HistoryService history = engine.getHistoryService();
    history.cleanUpHistoryAsync(true);
    for (int run = 0; run < 100; run++) {
      List<Job> due = history.findHistoryCleanupJobs().stream()
          .filter(job -> !job.getDuedate().after(ClockUtil.getCurrentTime())).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new AssertionError("The history clean-up still had due jobs after 100 runs");
  }
}
