package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Operations: Prometheus metrics at {@code /actuator/prometheus} for the operations group only, with the engine's
 * ManagementService metrics as counters and gauges for running instances, open incidents and jobs without retries,
 * each moving with what the engine does.
 */
class EngineMetricsApiTest extends OpsApiTest {

  @Autowired Fixtures fixtures;
  @Autowired RenewalService renewals;

  @Test
  @DisplayName("Only operations (and administrators) may scrape: anonymous 401, staff 403")
  void scrapeNeedsOperations() throws Exception {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", staff).statusCode()).isEqualTo(403);
    HttpResponse<String> scrape = get("/actuator/prometheus", operations);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("camunda_root_process_instance_start_total{engine=\"default\"}",
        "camunda_activity_instance_end_total", "camunda_job_successful_total", "camunda_job_failed_total",
        "camunda_executed_decision_elements_total",
        "camunda_process_instances_running{engine=\"default\",processDefinitionKey=\"RecertificationProcess\"}",
        "camunda_incidents_open{engine=\"default\"}", "camunda_jobs_no_retries{engine=\"default\"}");
  }

  @Test
  @DisplayName("Starting a renewal, running its jobs and deciding move the counters; a failed job with no retries"
      + " shows as an open incident")
  void metricsFollowTheEngine() throws Exception {
    String before = scrape();
    setClock(LocalDate.of(2026, 11, 20));
    Certificant jane = fixtures.cpcs("Jane", "Metrics", 2026);
    String pid = renewals.open(jane.getId(), 2026).orElseThrow();
    executeDueJobs(pid);
    String afterStart = scrape();

    assertThat(value(afterStart, "camunda_root_process_instance_start_total"))
        .isEqualTo(value(before, "camunda_root_process_instance_start_total") + 1);
    assertThat(value(afterStart, running("RecertificationProcess")))
        .isEqualTo(value(before, running("RecertificationProcess")) + 1);
    assertThat(value(afterStart, "camunda_activity_instance_end_total"))
        .isGreaterThan(value(before, "camunda_activity_instance_end_total"));
    assertThat(value(afterStart, "camunda_executed_decision_elements_total"))
        .isGreaterThan(value(before, "camunda_executed_decision_elements_total"));
    assertThat(value(afterStart, "camunda_job_successful_total"))
        .isGreaterThan(value(before, "camunda_job_successful_total"));

    // a job that fails, and then has no retries left: an incident operations must see
    BpmnModelInstance failing = Bpmn.createExecutableProcess("OpsMetricsFailingProcess")
        .camundaHistoryTimeToLiveString("P1D")
        .startEvent().serviceTask("ServiceTask_Fail").camundaAsyncBefore()
        .camundaExpression("${notAVariable.boom()}").endEvent().done();
    engine.getRepositoryService().createDeployment().name("ops-metrics-test")
        .addModelInstance("OpsMetricsFailingProcess.bpmn", failing).deploy();
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("OpsMetricsFailingProcess");
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).isInstanceOf(Exception.class);
    engine.getManagementService().setJobRetries(job.getId(), 0);
    String afterFailure = scrape();

    assertThat(value(afterFailure, "camunda_job_failed_total"))
        .isEqualTo(value(afterStart, "camunda_job_failed_total") + 1);
    assertThat(value(afterFailure, "camunda_incidents_open{engine=\"default\"}"))
        .isEqualTo(value(afterStart, "camunda_incidents_open{engine=\"default\"}") + 1);
    assertThat(value(afterFailure, "camunda_jobs_no_retries{engine=\"default\"}"))
        .isEqualTo(value(afterStart, "camunda_jobs_no_retries{engine=\"default\"}") + 1);

    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over");
    assertThat(value(scrape(), "camunda_incidents_open{engine=\"default\"}"))
        .isEqualTo(value(afterStart, "camunda_incidents_open{engine=\"default\"}"));
  }

  private String scrape() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus", operations);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String running(String key) {
    return "camunda_process_instances_running{engine=\"default\",processDefinitionKey=\"" + key + "\"}";
  }

  /** The value of the first sample whose name (and labels, when given) starts with {@code series}. */
  private static double value(String scrape, String series) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$")
        .matcher(scrape);
    assertThat(matcher.find()).as(series + " in\n" + scrape).isTrue();
    return Double.parseDouble(matcher.group(2));
  }
}
