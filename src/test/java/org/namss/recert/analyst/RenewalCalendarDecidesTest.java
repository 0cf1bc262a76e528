package org.namss.recert.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.config.ModelDeployer;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.Reminder;
import org.namss.recert.rules.SubmissionTiming;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * renewalCalendar is the one place of the calendar's dates: a date an analyst moves there decides the timing, the
 * extension cut-off, the credit window and the notices, in the Java code and in a business-rule task that passes
 * the table only what the models before this change passed (renewalYear, submittedOn, extensionGranted; such
 * process-definition versions stay deployed and running on existing installations).
 */
class RenewalCalendarDecidesTest extends ApplicationTest {

  static final int YEAR = 2026;
  static final String RENEWAL_CALENDAR = "decisions/renewalCalendar.dmn";

  /** A business-rule task with the shape of BusinessRuleTask_DecideTiming in every model version: no inputs. */
  static final String OLD_SHAPE_TASK = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_OldShape"
          targetNamespace="http://namss.org/test">
        <bpmn:process id="OldShapeTimingProcess" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="Start"/>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="DecideTiming"/>
          <bpmn:businessRuleTask id="DecideTiming" camunda:decisionRef="submissionTiming"
              camunda:resultVariable="submissionTiming" camunda:mapDecisionResult="singleEntry"/>
          <bpmn:sequenceFlow id="Flow_2" sourceRef="DecideTiming" targetRef="Wait"/>
          <bpmn:userTask id="Wait"/>
          <bpmn:sequenceFlow id="Flow_3" sourceRef="Wait" targetRef="End"/>
          <bpmn:endEvent id="End"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired DecisionRules rules;
  @Autowired RepositoryService repository;

  boolean calendarChanged;
  String processDeployment;

  @AfterEach
  void restore() throws IOException {
    if (calendarChanged) {
      deployCalendar(Files.readString(Path.of(RENEWAL_CALENDAR)));
    }
    if (processDeployment != null) {
      repository.deleteDeployment(processDeployment, true);
    }
  }

  @Test
  @DisplayName("R21, R25, R26: the extension deadline moved to 15 June in renewalCalendar: an extended application"
      + " completed on 10 June is EXTENDED (no reinstatement fee), in Java and in a business-rule task of the old"
      + " shape, whose decision history shows the calendar's date")
  void extensionDeadlineOfRenewalCalendarDecidesExtendedTiming() {
    LocalDate june10 = LocalDate.of(YEAR + 1, 6, 10);
    assertThat(rules.submissionTiming(YEAR, june10, null, true)).as("shipped calendar: extended until 1 June")
        .isEqualTo(SubmissionTiming.REINSTATEMENT);
    assertThat(timingInTask(june10, true)).isEqualTo("REINSTATEMENT");

    moveInCalendar("<text>date(renewalYear + 1, 6, 1)</text>", "<text>date(renewalYear + 1, 6, 15)</text>");

    assertThat(rules.renewalCalendar(YEAR).extensionDeadline()).isEqualTo(LocalDate.of(YEAR + 1, 6, 15));
    assertThat(rules.submissionTiming(YEAR, june10, null, true)).isEqualTo(SubmissionTiming.EXTENDED);
    assertThat(rules.submissionTiming(YEAR, LocalDate.of(YEAR + 1, 6, 16), null, true))
        .isEqualTo(SubmissionTiming.REINSTATEMENT);
    assertThat(timingInTask(june10, true)).isEqualTo("EXTENDED");
    assertThat(engine.getDecisionService().evaluateDecisionByKey("submissionTiming").variables(Map.of(
        "renewalYear", YEAR, "submittedOn", june10.toString(), "extensionGranted", true)).evaluate()
        .<String>getSingleEntry()).as("the decision service, as the engine REST API's evaluate").isEqualTo("EXTENDED");

    HistoricDecisionInstance evaluation = engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("submissionTiming").processDefinitionKey("OldShapeTimingProcess")
        .includeInputs().orderByEvaluationTime().desc().list().get(0);
    assertThat(evaluation.getInputs()).filteredOn(i -> "Input_extensionDeadline".equals(i.getClauseId()))
        .extracting(HistoricDecisionInputInstance::getValue).containsExactly("2027-06-15");
  }

  @Test
  @DisplayName("R8, R25, R26: the late deadline moved to 15 January and the lapse to 16 January in renewalCalendar:"
      + " an application of 10 January is LATE, not a reinstatement; one of 16 January is a reinstatement")
  void lapseDateOfRenewalCalendarDecidesReinstatementTiming() {
    LocalDate january10 = LocalDate.of(YEAR + 1, 1, 10);
    assertThat(rules.submissionTiming(YEAR, january10, null, false)).isEqualTo(SubmissionTiming.REINSTATEMENT);

    moveInCalendar("<text>date(renewalYear, 12, 31)</text>", "<text>date(renewalYear + 1, 1, 15)</text>",
        "<text>date(renewalYear + 1, 1, 1)</text>", "<text>date(renewalYear + 1, 1, 16)</text>");

    assertThat(rules.submissionTiming(YEAR, january10, null, false)).isEqualTo(SubmissionTiming.LATE);
    assertThat(rules.submissionTiming(YEAR, LocalDate.of(YEAR + 1, 1, 16), null, false))
        .isEqualTo(SubmissionTiming.REINSTATEMENT);
    assertThat(timingInTask(january10, false)).isEqualTo("LATE");
  }

  @Test
  @DisplayName("R9, R20, R23: the on-time deadline moved to 15 December in renewalCalendar moves the extension"
      + " requests' cut-off (17:00 that day), the end of the credit window and the courtesy notices with it")
  void onTimeDeadlineOfRenewalCalendarMovesCutoffWindowAndNotices() {
    moveInCalendar("<text>date(renewalYear, 12, 1)</text>", "<text>date(renewalYear, 12, 15)</text>");

    var cutoff = LocalDateTime.of(YEAR, 12, 15, 17, 0);
    assertThat(rules.extensionEligibility(YEAR, bd(30), bd(15), cutoff).eligible()).isTrue();
    var late = rules.extensionEligibility(YEAR, bd(30), bd(15), cutoff.plusMinutes(1));
    assertThat(late.eligible()).isFalse();
    assertThat(late.reason()).isEqualTo("Extension requests close at 5:00 PM Eastern on December 15, 2026.");

    var window = rules.creditWindow(YEAR, null, 3);
    assertThat(window.end()).isEqualTo(LocalDate.of(YEAR, 12, 15));
    assertThat(window.start()).isEqualTo(LocalDate.of(YEAR - 3, 12, 16));

    assertThat(rules.reminders(YEAR)).extracting(Reminder::date).contains(LocalDate.of(YEAR, 12, 8),
        LocalDate.of(YEAR, 12, 16));
  }

  // ---- helpers ----

  private static java.math.BigDecimal bd(int value) {
    return java.math.BigDecimal.valueOf(value);
  }

  /** What a business-rule task of the old shape decides (renewalYear, submittedOn, extensionGranted only). */
  private String timingInTask(LocalDate submittedOn, boolean extensionGranted) {
    if (processDeployment == null) {
      processDeployment = repository.createDeployment().name("old-shape-timing")
          .addString("OldShapeTimingProcess.bpmn", OLD_SHAPE_TASK).deploy().getId();
    }
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("OldShapeTimingProcess",
        Map.of("renewalYear", YEAR, "submittedOn", submittedOn.toString(), "extensionGranted", extensionGranted));
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "submissionTiming");
  }

  /** Deploys renewalCalendar with each {@code from} replaced by the {@code to} after it, as an analyst would. */
  private void moveInCalendar(String... fromTo) {
    try {
      String text = Files.readString(Path.of(RENEWAL_CALENDAR), StandardCharsets.UTF_8);
      for (int i = 0; i < fromTo.length; i += 2) {
        assertThat(text).contains(fromTo[i]);
        text = text.replace(fromTo[i], fromTo[i + 1]);
      }
      calendarChanged = true;
      deployCalendar(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void deployCalendar(String dmn) {
    repository.createDeployment().name(ModelDeployer.DEPLOYMENT_NAME).source("recertification")
        .addInputStream(RENEWAL_CALENDAR, new ByteArrayInputStream(dmn.getBytes(StandardCharsets.UTF_8))).deploy();
  }
}
