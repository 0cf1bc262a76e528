package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every task that sends an e-mail through {@code sendNotificationDelegate} is an asynchronous continuation: a save
 * point before the side effect, so that a failed send is retried by its own job, under the key it counted
 * ({@link RenewalNotifications#pass}), and never rolls back the step before it.
 */
class SendTasksAreSavePointsTest {

  @Test
  @DisplayName("Every send task in processes/ is asyncBefore")
  void everySendTaskIsAsyncBefore() throws IOException {
    List<String> sendTasks = new ArrayList<>();
    List<String> synchronous = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        for (ServiceTask task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(ServiceTask.class)) {
          if ("${sendNotificationDelegate}".equals(task.getCamundaDelegateExpression())) {
            String name = file.getFileName() + "#" + task.getId();
            sendTasks.add(name);
            if (!task.isCamundaAsyncBefore()) {
              synchronous.add(name);
            }
          }
        }
      }
    }
    assertThat(sendTasks).as("send tasks found").hasSizeGreaterThanOrEqualTo(10)
        .contains("RecertificationProcess.bpmn#ServiceTask_SendChangesRequested");
    assertThat(synchronous).as("send tasks without asyncBefore").isEmpty();
  }
}
