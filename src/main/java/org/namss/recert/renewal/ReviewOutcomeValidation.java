package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.REVIEW_MESSAGE;
import static org.namss.recert.renewal.RenewalVariables.REVIEW_OUTCOME;
import static org.namss.recert.renewal.RenewalVariables.certificantId;
import static org.namss.recert.renewal.RenewalVariables.renewalYear;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * R16, R20: what staff chose on a review or an extension audit, checked as the task completes, at the start of the
 * outcome's gateway ({@code Gateway_ReviewOutcome}, {@code Gateway_AuditOutcome}), which runs in the completion's
 * transaction. Refused: no outcome, one the gateway has no flow for (the form offers only these; a REST client may
 * send anything), asking for changes or refusing without the message the certificant reads, and a review's approval
 * when the credits, with the verifications staff recorded while reviewing, no longer meet the requirement (R5, R12).
 * A refusal is the engine's {@link FormFieldValidationException}: the completion is rolled back (the task stays open,
 * nothing changes), Tasklist shows the message and the engine's REST API answers 400 with it. (A task listener could
 * only give a 500: the engine wraps what a task listener throws. See {@link CheckPaymentValidation}.)
 */
@Component("reviewOutcomeValidation")
public class ReviewOutcomeValidation implements ExecutionListener {

  static final List<String> REVIEW_OUTCOMES = List.of("APPROVE", "REQUEST_CHANGES", "REJECT");
  static final List<String> AUDIT_OUTCOMES = List.of("APPROVE", "REFUSE");
  static final String AUDIT_GATEWAY = "Gateway_AuditOutcome";

  private final ReviewSummaries summaries;

  public ReviewOutcomeValidation(ReviewSummaries summaries) {
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateExecution execution) {
    check(execution, AUDIT_GATEWAY.equals(execution.getCurrentActivityId()));
  }

  /** The checks, on the scope holding the outcome (also the complete listener of model versions before 2026-12-07). */
  void check(VariableScope execution, boolean audit) {
    String outcomeVariable = audit ? "auditOutcome" : REVIEW_OUTCOME;
    String messageVariable = audit ? "auditReason" : REVIEW_MESSAGE;
    List<String> outcomes = audit ? AUDIT_OUTCOMES : REVIEW_OUTCOMES;
    Object outcome = execution.getVariable(outcomeVariable);
    if (outcome == null) {
      throw new FormFieldValidationException(outcomeVariable, "Choose an outcome before completing the "
          + (audit ? "audit" : "review") + ": one of " + outcomes);
    }
    if (!outcomes.contains(outcome.toString())) {
      throw new FormFieldValidationException(outcomeVariable, "The outcome '" + outcome + "' is not one of "
          + outcomes);
    }
    boolean approve = "APPROVE".equals(outcome.toString());
    Object message = execution.getVariable(messageVariable);
    if (!approve && (message == null || message.toString().isBlank())) {
      throw new FormFieldValidationException(messageVariable, "Write the message the certificant will read: it is "
          + "required to " + (audit ? "refuse" : "ask for changes or to reject"));
    }
    if (approve && !audit) {
      // R5, R12: activities staff rejected while reviewing no longer count; approval needs the credits still met
      List<String> shortfall = summaries.shortfall(certificantId(execution), renewalYear(execution));
      if (!shortfall.isEmpty()) {
        throw new FormFieldValidationException(outcomeVariable, "The credits no longer meet the requirement with "
            + "the verifications recorded: " + String.join(" ", shortfall) + " Ask for changes instead of approving "
            + "(R5).");
      }
    }
  }
}
