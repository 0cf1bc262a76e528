package org.namss.recert.renewal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
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

  /** The bounds of the start forms' renewal year (their number field's min and max). */
  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2200;

  /**
   * The renewal year staff gave in a start form: a whole number from 2000 to 2200, as the form's number field takes it
   * (the engine's REST API accepts any type: a text, a fraction or nothing is refused here, not a 500 later).
   */
  public static int renewalYear(VariableScope scope) {
    String name = RenewalVariables.RENEWAL_YEAR;
    Object value = scope.getVariable(name);
    if (value == null) {
      throw new FormFieldValidationException(name, "The renewal year (" + name + ") is required: a year such as "
          + "2026");
    }
    BigDecimal year;
    try {
      year = value instanceof Number number ? new BigDecimal(number.toString()) : null;
    } catch (NumberFormatException e) {
      year = null; // NaN, infinity
    }
    if (year == null || year.stripTrailingZeros().scale() > 0) {
      throw new FormFieldValidationException(name, "The renewal year (" + name + ") must be a whole number such as "
          + "2026, not " + shown(value) + " (" + value.getClass().getSimpleName() + ")");
    }
    if (year.compareTo(BigDecimal.valueOf(FIRST_YEAR)) < 0 || year.compareTo(BigDecimal.valueOf(LAST_YEAR)) > 0) {
      throw new FormFieldValidationException(name, "The renewal year (" + name + ") must be from " + FIRST_YEAR
          + " to " + LAST_YEAR + ", not " + shown(value));
    }
    return year.intValueExact();
  }

  /**
   * The day staff gave in a start form's date field ({@code name}, described as {@code label}): an ISO date
   * (yyyy-mm-dd, or the date-time the form's field sends, of which the date counts), as {@code CheckPaymentValidation}
   * reads a check's date. Missing, blank or not such a date: refused with the field and the expected form.
   */
  public static LocalDate day(VariableScope scope, String name, String label) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new FormFieldValidationException(name, label + " (" + name + ") is required, as yyyy-mm-dd");
    }
    String text = value.toString().strip();
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new FormFieldValidationException(name, label + " (" + name + ") must be a date as yyyy-mm-dd, not "
          + shown(value));
    }
  }

  /**
   * Refuses the variables given at a staff start that only the application sets (ids of its own records): a renewal
   * started through the engine's REST API with a {@code certificantId} or {@code applicationId} would otherwise
   * skip the look-up of the number and the start's checks.
   */
  public static void refuseGiven(VariableScope scope, String... names) {
    for (String name : names) {
      if (scope.getVariable(name) != null) {
        throw new FormFieldValidationException(name, "The variable " + name + " is the application's own and cannot "
            + "be given when starting: give the certificant's number (" + RenewalVariables.CERTIFICANT_NUMBER + ")");
      }
    }
  }

  /** A value staff sent, quoted and cut short for a message. */
  private static String shown(Object value) {
    String text = String.valueOf(value).strip();
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
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
