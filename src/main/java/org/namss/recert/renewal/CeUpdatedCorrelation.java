package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.namss.recert.ce.CeService;
import org.namss.recert.ce.CeService.ActivityAdded;
import org.namss.recert.certificant.CertificantService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A new activity or certificate wakes the certificant's renewal if it waits for more CE or for changes, in the
 * same transaction as the upload (the credit check itself runs as its own job).
 *
 * <p>A message only reaches a renewal that already waits. The renewal comes to either wait in the job of an
 * e-mail (what is missing, the changes asked for), which may retry for a while; so before it waits it looks
 * itself ({@code Gateway_CeCompleteBeforeWait}, {@code Gateway_ChangesArrived}) for what such a message would have
 * told it. The look and the correlation of an upload both lock the certificant's row first: an upload committed
 * before the look is seen by it, one that comes after finds the renewal waiting.
 */
@Component("ceUpdatedCorrelation")
public class CeUpdatedCorrelation {

  private final RuntimeService runtimeService;
  private final CeService ce;
  private final CertificantService certificants;
  private final RowLocks locks;

  public CeUpdatedCorrelation(RuntimeService runtimeService, CeService ce, CertificantService certificants,
      RowLocks locks) {
    this.runtimeService = runtimeService;
    this.ce = ce;
    this.certificants = certificants;
    this.locks = locks;
  }

  @EventListener
  public void on(ActivityAdded event) {
    locks.certificant(event.certificantId());
    runtimeService.createMessageCorrelation(MESSAGE_CE_UPDATED)
        .processInstanceVariableEquals(CERTIFICANT_ID, event.certificantId())
        .correlateAllWithResult();
  }

  /**
   * {@code Gateway_CeCompleteBeforeWait}, after "Tell what is missing": is the CE complete now (R5, R9, R10)? Then
   * the renewal checks the credits again instead of waiting for an upload that has already happened.
   */
  public boolean completeBeforeWait(DelegateExecution execution) {
    Long certificantId = certificantId(execution);
    locks.certificant(certificantId);
    return ce.progress(certificants.get(certificantId), renewalYear(execution)).met();
  }

  /**
   * {@code Gateway_ChangesArrived}, after "Ask for changes": did the certificant add CE (an activity or a
   * certificate, what wakes {@code ReceiveTask_AwaitChanges}) since the reviewer asked for the changes? Then the
   * review comes back at once.
   */
  public boolean changesArrived(DelegateExecution execution) {
    Long certificantId = certificantId(execution);
    locks.certificant(certificantId);
    Date requestedAt = date(execution, CHANGES_REQUESTED_AT);
    return requestedAt != null && ce.addedSince(certificantId, requestedAt.toInstant());
  }
}
