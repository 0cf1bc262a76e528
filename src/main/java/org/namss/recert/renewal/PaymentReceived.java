package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.DecisionRules;
import org.namss.recert.rules.ReviewDeadlines;
import org.springframework.stereotype.Component;

/** When the fee is received: the review's due date and escalation date follow from reviewDeadlines (R16). */
@Component
public class PaymentReceived {

  private final DecisionRules rules;
  private final TimeSource time;
  private final RenewalService renewals;

  public PaymentReceived(DecisionRules rules, TimeSource time, RenewalService renewals) {
    this.rules = rules;
    this.time = time;
    this.renewals = renewals;
  }

  public void apply(VariableScope scope) {
    scope.setVariables(variables(flag(scope, REINSTATING), applicationId(scope)));
  }

  /** R16: the applicationKind input of reviewDeadlines for a renewal, or for a reinstatement. */
  static String reviewKind(boolean reinstating) {
    return reinstating ? "REINSTATEMENT" : "RECERTIFICATION";
  }

  /** The variables a paid renewal carries into review; also what a card payment's message brings. */
  public VariableMap variables(boolean reinstating, Long applicationId) {
    return variables(reinstating, applicationId, time.now());
  }

  /** The same for a fee received earlier (a card payment the renewal finds when it gets to the wait). */
  public VariableMap variables(boolean reinstating, Long applicationId, Instant received) {
    renewals.moveApplication(applicationId, ApplicationStatus.IN_REVIEW);
    return reviewDates(reinstating, received).putValue(PAID_IN_FULL, true);
  }

  /** R16: a review round starting now (the fee received, or the changes staff asked for): due and escalation. */
  VariableMap reviewDates(boolean reinstating) {
    return reviewDates(reinstating, time.now());
  }

  /** Calendar days in the association's zone: the same time of day, also across a change of daylight saving time. */
  private VariableMap reviewDates(boolean reinstating, Instant start) {
    ReviewDeadlines deadlines = rules.reviewDeadlines(reviewKind(reinstating));
    ZonedDateTime local = start.atZone(time.zone());
    return Variables.createVariables()
        .putValue(REVIEW_DUE_AT, Date.from(local.plusDays(deadlines.dueDays()).toInstant()))
        .putValue(REVIEW_ESCALATE_AT, Date.from(local.plusDays(deadlines.escalateDays()).toInstant()));
  }
}
