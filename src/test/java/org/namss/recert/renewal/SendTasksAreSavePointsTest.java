package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.namss.recert.notification.MailTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every task that sends an e-mail through {@code sendNotificationDelegate} is an asynchronous continuation: a save
 * point before the side effect, so that a failed send is retried by its own job, under the key it counted
 * ({@link RenewalNotifications#pass}), and never rolls back the step before it.
 */
class SendTasksAreSavePointsTest {

  private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

  @Test
  @DisplayName("Every send task names its message in the extension property mailTemplate, without input mappings")
  void everySendTaskNamesItsTemplateAsAProperty() throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (ServiceTask task : sendTasks().values()) {
      Optional<String> template = SendNotificationDelegate.property(task, SendNotificationDelegate.TEMPLATE_PROPERTY);
      if (template.isEmpty()) {
        problems.add(task.getId() + ": no mailTemplate property");
        continue;
      }
      String value = template.get().strip();
      try { // as the engine parses it on the first send: a typo would otherwise surface as failed jobs
        new JuelExpressionManager().createExpression(value);
      } catch (RuntimeException e) {
        problems.add(task.getId() + ": the expression does not parse: " + e.getMessage());
      }
      List<String> names = new ArrayList<>();
      if (value.startsWith("${")) {
        Matcher quoted = QUOTED.matcher(value);
        while (quoted.find()) {
          names.add(quoted.group(1));
        }
      } else {
        names.add(value);
      }
      for (String name : names) {
        if (Arrays.stream(MailTemplate.values()).noneMatch(t -> t.name().equals(name))) {
          problems.add(task.getId() + ": '" + name + "' is not a MailTemplate");
        }
      }
      named.addAll(names);
      // an input or output mapping makes the task a scope: an execution and a variable per send
      if (task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).count() > 0) {
        problems.add(task.getId() + ": has an input/output mapping");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(named).contains("APPROVED", "REINSTATED", "APPLICATION_OPEN", "EXTENSION_REFUSED");
  }

  /** The send tasks of processes/*.bpmn by "file#id". */
  private static Map<String, ServiceTask> sendTasks() throws IOException {
    Map<String, ServiceTask> tasks = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        for (ServiceTask task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(ServiceTask.class)) {
          if ("${sendNotificationDelegate}".equals(task.getCamundaDelegateExpression())) {
            tasks.put(file.getFileName() + "#" + task.getId(), task);
          }
        }
      }
    }
    return tasks;
  }

  @Test
  @DisplayName("Every send task in processes/ is asyncBefore")
  void everySendTaskIsAsyncBefore() throws IOException {
    Map<String, ServiceTask> sendTasks = sendTasks();
    List<String> synchronous = sendTasks.entrySet().stream()
        .filter(task -> !task.getValue().isCamundaAsyncBefore()).map(Map.Entry::getKey).toList();
    assertThat(sendTasks.keySet()).as("send tasks found").hasSizeGreaterThanOrEqualTo(10)
        .contains("RecertificationProcess.bpmn#ServiceTask_SendChangesRequested");
    assertThat(synchronous).as("send tasks without asyncBefore").isEmpty();
  }
}
