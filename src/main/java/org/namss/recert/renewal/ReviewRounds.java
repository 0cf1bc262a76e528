package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.namss.recert.application.ApplicationStatus;
import org.springframework.stereotype.Component;

/**
 * A review that asks for changes, and the round after them (R16, R25-R27), on the two sequence flows around
 * {@code ReceiveTask_AwaitChanges} ({@code ${reviewRounds.changesRequested(execution)}} and
 * {@code changesReceived}), in the transaction that takes the flow:
 * <ul>
 *   <li>asking for changes shows the application as CHANGES_REQUESTED and sets when they are due
 *       ({@code changesDueAt}, which the wait's timer and the e-mail read): if they do not arrive by then, the
 *       certification lapses (a reinstatement's expires) as at the application's own deadline;</li>
 *   <li>when they arrive the application is IN_REVIEW again and the new round is due, and escalates, counted from
 *       now (reviewDeadlines), not from the fee: a round counted from the fee would start overdue.</li>
 * </ul>
 */
@Component("reviewRounds")
public class ReviewRounds {

  private final RenewalService renewals;
  private final RenewalDates dates;
  private final PaymentReceived paymentReceived;

  public ReviewRounds(RenewalService renewals, RenewalDates dates, PaymentReceived paymentReceived) {
    this.renewals = renewals;
    this.dates = dates;
    this.paymentReceived = paymentReceived;
  }

  public void changesRequested(DelegateExecution execution) {
    execution.setVariable(CHANGES_DUE_AT, dates.changesDeadline(renewalYear(execution),
        flag(execution, EXTENSION_GRANTED), flag(execution, REINSTATING)));
    renewals.moveApplication(applicationId(execution), ApplicationStatus.CHANGES_REQUESTED);
  }

  public void changesReceived(DelegateExecution execution) {
    execution.setVariables(paymentReceived.reviewDates(flag(execution, REINSTATING)));
    execution.removeVariable(CHANGES_DUE_AT);
    renewals.moveApplication(applicationId(execution), ApplicationStatus.IN_REVIEW);
  }
}
