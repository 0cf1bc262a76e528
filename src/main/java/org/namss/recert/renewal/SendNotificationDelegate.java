package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.MAIL_TEMPLATE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.namss.recert.notification.MailTemplate;
import org.springframework.stereotype.Component;

/** Sends the message named by the task's input parameter {@code mailTemplate}. */
@Component("sendNotificationDelegate")
public class SendNotificationDelegate implements JavaDelegate {

  private final RenewalNotifications notifications;

  public SendNotificationDelegate(RenewalNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.send(execution, MailTemplate.valueOf(execution.getVariableLocal(MAIL_TEMPLATE).toString()));
  }
}
