package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.namss.recert.badge.CredlyException;
import org.namss.recert.badge.CredlyUnavailableException;
import org.namss.recert.notification.MailDeliveryException;
import org.namss.recert.support.ApplicationTest;

/**
 * The application's engine turns a job failure that no retry mends ({@link NonRetryable}) into an incident at once,
 * wherever the marked exception is in the causes, and leaves every other failure to the model's retry cycle
 * (here {@code R5/PT5M}, as the send tasks have); Cockpit's "Increment Number of Retries" runs the job again.
 */
class NonRetryableJobFailuresTest extends ApplicationTest {

  static final String PROCESS = "NonRetryableJobFailuresTestProcess";

  /** Fails as the process variable {@code failure} says, or succeeds when it is "none". */
  public static class FailingDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      String failure = (String) execution.getVariable("failure");
      switch (failure) {
        case "smtp-550" -> throw new MailDeliveryException("SMTP delivery of mail 1 failed: 550", true);
        case "smtp-451" -> throw new MailDeliveryException("SMTP delivery of mail 1 failed: 451", false);
        case "credly-401" -> throw new CredlyException(401, "Credly answered 401 when asked to issue a badge");
        case "credly-503" -> throw new CredlyUnavailableException(503, "Credly answered 503");
        case "credly-401-wrapped" -> throw new IllegalStateException("wrapped",
            new CredlyException(401, "Credly answered 401"));
        case "other" -> throw new IllegalStateException("a bug");
        default -> { }
      }
    }
  }

  @BeforeEach
  void deploy() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLiveString("P1D")
        .startEvent().serviceTask("ServiceTask_Fail").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R5/PT5M")
        .camundaClass(FailingDelegate.class.getName()).endEvent().done();
    engine.getRepositoryService().createDeployment().name("non-retryable-test")
        .addModelInstance(PROCESS + ".bpmn", model).deploy();
  }

  @ParameterizedTest(name = "{0}: incident at once {1}")
  @CsvSource({
      "smtp-550, true",
      "credly-401, true",
      "credly-401-wrapped, true",
      "smtp-451, false",
      "credly-503, false",
      "other, false"})
  @DisplayName("A permanent failure is an incident at once, another keeps the retry cycle; Cockpit's retry runs it")
  void permanentFailureIsAnIncidentAtOnce(String failure, boolean atOnce) {
    String pid = engine.getRuntimeService().startProcessInstanceByKey(PROCESS, Map.of("failure", failure)).getId();
    ManagementService management = engine.getManagementService();
    Job job = management.createJobQuery().processInstanceId(pid).singleResult();

    assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);

    Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
    if (!atOnce) {
      assertThat(failed.getRetries()).isEqualTo(4);
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
      return;
    }
    assertThat(failed.getRetries()).isZero();
    assertThat(failed.getExceptionMessage()).isNotBlank();
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getIncidentMessage()).isEqualTo(failed.getExceptionMessage());

    // the same failure again after Cockpit's retry: an incident at once again
    management.setJobRetries(job.getId(), 3);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
    assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isEqualTo(1);

    // the cause fixed: Cockpit's retry ends the incident and the instance goes on
    engine.getRuntimeService().setVariable(pid, "failure", "none");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pid).count()).isZero();
  }
}
