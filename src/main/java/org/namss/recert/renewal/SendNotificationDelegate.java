package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.MAIL_TEMPLATE;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.namss.recert.notification.MailTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the message that the send task names in its extension property {@code mailTemplate} (Modeler: "Extension
 * properties"): a {@link MailTemplate} constant such as {@code APPROVED}, or an expression that yields one, such as
 * {@code ${reinstating ? 'REINSTATED' : 'APPROVED'}}.
 *
 * <p>A property rather than an input parameter: an input parameter is a variable of its own, and it makes the task a
 * scope, so every send would insert and delete an execution and a variable and write the variable's history
 * (docs/performance.md). Instances of model versions deployed before the change still carry the input parameter;
 * their send tasks read it as before.
 */
@Component("sendNotificationDelegate")
public class SendNotificationDelegate implements JavaDelegate {

  /** The name of the send task's extension property that names its message. */
  public static final String TEMPLATE_PROPERTY = "mailTemplate";

  private final RenewalNotifications notifications;
  /** The property's expression per process definition and activity; empty where the task has none. */
  private final Map<String, Optional<Expression>> templates = new ConcurrentHashMap<>();

  public SendNotificationDelegate(RenewalNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.send(execution, template(execution));
  }

  MailTemplate template(DelegateExecution execution) {
    Optional<Expression> expression = templates.computeIfAbsent(
        execution.getProcessDefinitionId() + "#" + execution.getCurrentActivityId(), key -> expression(execution));
    Object value = expression.isPresent() ? expression.get().getValue(execution)
        : execution.getVariableLocal(MAIL_TEMPLATE); // a model version from before the property
    if (value == null) {
      throw new ProcessEngineException("Send task " + execution.getCurrentActivityId() + " names no message: give it "
          + "the extension property " + TEMPLATE_PROPERTY + " (a MailTemplate such as APPROVED)");
    }
    try {
      return MailTemplate.valueOf(value.toString().strip());
    } catch (IllegalArgumentException e) {
      throw new ProcessEngineException("Send task " + execution.getCurrentActivityId() + " names the message '"
          + value + "', which is not a MailTemplate");
    }
  }

  /** The task's {@code mailTemplate} property as an expression (plain text is an expression that yields itself). */
  static Optional<Expression> expression(DelegateExecution execution) {
    return property(execution.getBpmnModelElementInstance(), TEMPLATE_PROPERTY)
        .map(text -> Context.getProcessEngineConfiguration().getExpressionManager().createExpression(text));
  }

  /** The value of a model element's extension property (camunda:properties), if it has one. */
  public static Optional<String> property(BaseElement element, String name) {
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return Optional.empty();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .filter(value -> value != null && !value.isBlank())
        .findFirst();
  }
}
