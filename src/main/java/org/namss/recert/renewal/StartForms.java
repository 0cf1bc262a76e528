package org.namss.recert.renewal;

import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;

/**
 * Refusals of what staff typed in a process's start form (Tasklist): thrown as the engine's
 * {@link FormFieldValidationException}, which Tasklist shows and the engine's REST API answers with 400 and the
 * message; any other exception of a start is a 500 there. The same rules refuse the certificants' API with 4xx.
 */
public final class StartForms {

  private StartForms() {}

  /**
   * The certificant of a process's first step: the one the API started it for ({@code certificantId}), or else the
   * one whose number staff typed in the start form.
   */
  public static Certificant certificant(CertificantService certificants, DelegateExecution execution) {
    Object id = execution.getVariable(RenewalVariables.CERTIFICANT_ID);
    if (id != null) {
      return certificants.get(((Number) id).longValue());
    }
    String number = RenewalVariables.text(execution, RenewalVariables.CERTIFICANT_NUMBER);
    return certificants.findByNumber(number == null ? "" : number.trim())
        .orElseThrow(() -> new FormFieldValidationException(RenewalVariables.CERTIFICANT_NUMBER,
            "No certificant with number " + number));
  }

  /** Runs a step of a staff start; a refusal of the rules (the API's 4xx, or a bad argument) becomes the form's. */
  public static <T> T refusing(Supplier<T> step) {
    try {
      return step.get();
    } catch (ApiException | IllegalArgumentException e) {
      throw new FormFieldValidationException(RenewalVariables.CERTIFICANT_NUMBER, e.getMessage());
    }
  }

  public static void refusing(Runnable step) {
    refusing(() -> {
      step.run();
      return null;
    });
  }
}
