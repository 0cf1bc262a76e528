package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.*;

import org.camunda.bpm.engine.RuntimeService;
import org.namss.recert.ce.CeService.ActivityAdded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A new activity or certificate wakes the certificant's renewal if it waits for more CE or for changes, in the
 * same transaction as the upload (the credit check itself runs as its own job).
 */
@Component
public class CeUpdatedCorrelation {

  private final RuntimeService runtimeService;

  public CeUpdatedCorrelation(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @EventListener
  public void on(ActivityAdded event) {
    runtimeService.createMessageCorrelation(MESSAGE_CE_UPDATED)
        .processInstanceVariableEquals(CERTIFICANT_ID, event.certificantId())
        .correlateAllWithResult();
  }
}
