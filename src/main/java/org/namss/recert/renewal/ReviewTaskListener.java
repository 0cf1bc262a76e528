package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review and audit tasks (R16, R20): on create, shows the reviewer the CE list and totals (task-local
 * variables, gone when the task completes). What staff chose is checked by {@link ReviewOutcomeValidation} at the
 * outcome's gateway (a 400 through the engine's REST API); model versions before 2026-12-07 call this listener on
 * complete too, which runs the same checks (a 500 there, as the engine wraps a task listener's exception).
 */
@Component("reviewTaskListener")
public class ReviewTaskListener implements TaskListener {

  private final ReviewSummaries summaries;
  private final ReviewOutcomeValidation validation;

  public ReviewTaskListener(ReviewSummaries summaries, ReviewOutcomeValidation validation) {
    this.summaries = summaries;
    this.validation = validation;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) { // a model version before 2026-12-07
      validation.check(task, "UserTask_AuditExtension".equals(task.getTaskDefinitionKey()));
      return;
    }
    // a new round starts blank: no answer of the previous round pre-filled in the form
    for (String previous : new String[] {REVIEW_OUTCOME, REVIEW_MESSAGE, "auditOutcome", "auditReason"}) {
      task.getExecution().removeVariable(previous);
    }
    task.setVariablesLocal(summaries.summary(certificantId(task), renewalYear(task)));
  }
}
