package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
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
}
