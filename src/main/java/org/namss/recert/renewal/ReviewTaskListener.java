package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review and audit tasks (R16, R20): on create, shows the reviewer the CE list and totals (task-local
 * variables, gone when the task completes); on complete, refuses an outcome without the message the
 * certificant must read, and a review's approval when the credits, with the verifications staff recorded while
 * reviewing, no longer meet the requirement (R5, R12).
 */
@Component("reviewTaskListener")
public class ReviewTaskListener implements TaskListener {

  static final List<String> REVIEW_OUTCOMES = List.of("APPROVE", "REQUEST_CHANGES", "REJECT");
  static final List<String> AUDIT_OUTCOMES = List.of("APPROVE", "REFUSE");

  private final ReviewSummaries summaries;

  public ReviewTaskListener(ReviewSummaries summaries) {
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // a new round starts blank: no answer of the previous round pre-filled in the form
      for (String previous : new String[] {REVIEW_OUTCOME, REVIEW_MESSAGE, "auditOutcome", "auditReason"}) {
        task.getExecution().removeVariable(previous);
      }
      task.setVariablesLocal(summaries.summary(certificantId(task), renewalYear(task)));
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      String outcomeVariable = task.hasVariable(REVIEW_OUTCOME) ? REVIEW_OUTCOME : "auditOutcome";
      String messageVariable = REVIEW_OUTCOME.equals(outcomeVariable) ? REVIEW_MESSAGE : "auditReason";
      Object outcome = task.getVariable(outcomeVariable);
      if (outcome == null) {
        throw new ProcessEngineException("Choose an outcome before completing the review");
      }
      // the form offers these; a client of the REST API may send anything, which no gateway flow would take
      List<String> outcomes = REVIEW_OUTCOME.equals(outcomeVariable) ? REVIEW_OUTCOMES : AUDIT_OUTCOMES;
      if (!outcomes.contains(outcome.toString())) {
        throw new ProcessEngineException("The outcome '" + outcome + "' is not one of " + outcomes);
      }
      boolean approve = "APPROVE".equals(outcome.toString());
      Object message = task.getVariable(messageVariable);
      if (!approve && (message == null || message.toString().isBlank())) {
        throw new ProcessEngineException("Write the message the certificant will read: it is required to ask "
            + "for changes or to refuse");
      }
      if (approve && REVIEW_OUTCOME.equals(outcomeVariable)) {
        // R5, R12: activities staff rejected while reviewing no longer count; approval needs the credits still met
        List<String> shortfall = summaries.shortfall(certificantId(task), renewalYear(task));
        if (!shortfall.isEmpty()) {
          throw new ProcessEngineException("The credits no longer meet the requirement with the verifications "
              + "recorded: " + String.join(" ", shortfall) + " Ask for changes instead of approving (R5).");
        }
      }
    }
  }
}
