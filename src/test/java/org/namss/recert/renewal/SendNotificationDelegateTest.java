package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.notification.MailTemplate;

/**
 * Which message a send task sends when its model version has no {@code mailTemplate} property: the versions deployed
 * before 2026-12-05 name it in an input parameter, a local variable of the task, and their running instances must
 * keep sending the same messages. (The property itself is exercised by every process test that sends mail, and
 * checked for every send task by {@link SendTasksAreSavePointsTest}.)
 */
class SendNotificationDelegateTest {

  private final SendNotificationDelegate delegate = new SendNotificationDelegate(null);

  @Test
  @DisplayName("A model version with the old input parameter still sends the message it names")
  void oldInputParameterStillNamesTheMessage() {
    DelegateExecution execution = execution("ServiceTask_SendApproved", "REINSTATED");
    assertThat(delegate.template(execution)).isEqualTo(MailTemplate.REINSTATED);
  }

  @Test
  @DisplayName("A send task that names no message, or an unknown one, fails with the task's id in the message")
  void noOrUnknownMessageIsAClearError() {
    assertThatThrownBy(() -> delegate.template(execution("ServiceTask_SendSomething", null)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("ServiceTask_SendSomething").hasMessageContaining("mailTemplate");
    assertThatThrownBy(() -> delegate.template(execution("ServiceTask_SendOther", "APPROVD")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("ServiceTask_SendOther").hasMessageContaining("'APPROVD'");
  }

  private static DelegateExecution execution(String activityId, String inputParameter) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("Old").startEvent()
        .serviceTask(activityId).camundaDelegateExpression("${sendNotificationDelegate}")
        .camundaInputParameter("mailTemplate", inputParameter == null ? "" : inputParameter)
        .endEvent().done();
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessDefinitionId()).thenReturn("Old:1:" + activityId);
    when(execution.getCurrentActivityId()).thenReturn(activityId);
    when(execution.getBpmnModelElementInstance()).thenReturn(model.getModelElementById(activityId));
    when(execution.getVariableLocal("mailTemplate")).thenReturn(inputParameter);
    return execution;
  }
}
