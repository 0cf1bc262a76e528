package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.config.TimeSource;
import org.springframework.stereotype.Component;

/**
 * A review that asks for changes, and the round after them (R16, R25-R27), on the two sequence flows around
 * {@code ReceiveTask_AwaitChanges} ({@code ${reviewRounds.changesRequested(execution)}} and
 * {@code changesReceived}), in the transaction that takes the flow:
 * <ul>
 *   <li>asking for changes shows the application as CHANGES_REQUESTED and sets when they are due
 *       ({@code changesDueAt}, which the wait's timer and the e-mail read): if they do not arrive by then, the
 *       certification lapses (a reinstatement's expires) as at the application's own deadline;</li>
 *   <li>asking also records when ({@code changesRequestedAt}): CE added from then on is the changes, also when it
 *       came before the renewal waits ({@code Gateway_ChangesArrived}, CeUpdatedCorrelation);</li>
 *   <li>when they arrive the application is IN_REVIEW again and the new round is due, and escalates, counted from
 *       now (reviewDeadlines), not from the fee: a round counted from the fee would start overdue;</li>
 *   <li>when they do not ({@code changesNotReceived}, on the timer's flow) the application is closed as REJECTED
 *       with that reason, as a rejected one is, before the certification lapses.</li>
 * </ul>
 */
@Component("reviewRounds")
public class ReviewRounds {

  private final RenewalService renewals;
  private final RenewalDates dates;
  private final PaymentReceived paymentReceived;
  private final TimeSource time;

  public ReviewRounds(RenewalService renewals, RenewalDates dates, PaymentReceived paymentReceived, TimeSource time) {
    this.renewals = renewals;
    this.dates = dates;
    this.paymentReceived = paymentReceived;
    this.time = time;
  }

  public void changesRequested(DelegateExecution execution) {
    execution.setVariable(CHANGES_DUE_AT, dates.changesDeadline(renewalYear(execution),
        flag(execution, EXTENSION_GRANTED), flag(execution, REINSTATING)));
    execution.setVariable(CHANGES_REQUESTED_AT, Date.from(time.now()));
    renewals.moveApplication(applicationId(execution), ApplicationStatus.CHANGES_REQUESTED);
  }

  public void changesReceived(DelegateExecution execution) {
    execution.setVariables(paymentReceived.reviewDates(flag(execution, REINSTATING)));
    execution.removeVariable(CHANGES_DUE_AT);
    execution.removeVariable(CHANGES_REQUESTED_AT);
    renewals.moveApplication(applicationId(execution), ApplicationStatus.IN_REVIEW);
  }

  /** The changes did not arrive in time: the application is closed as rejected, with why, before the lapse. */
  public void changesNotReceived(DelegateExecution execution) {
    Long applicationId = applicationId(execution);
    if (applicationId != null) {
      renewals.reject(applicationId, "The changes asked for did not arrive by "
          + time.lastDayBefore(date(execution, CHANGES_DUE_AT).toInstant()) + ".");
    }
  }
}
