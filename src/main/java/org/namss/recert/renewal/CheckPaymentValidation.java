package org.namss.recert.renewal;

import static org.namss.recert.renewal.RenewalVariables.CHECK_AMOUNT;
import static org.namss.recert.renewal.RenewalVariables.CHECK_DATE;
import static org.namss.recert.renewal.RenewalVariables.CHECK_NUMBER;
import static org.namss.recert.renewal.RenewalVariables.CHECK_PAYER;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.namss.recert.config.TimeSource;
import org.springframework.stereotype.Component;

/**
 * R14: checks what staff entered for a check as the check task completes, before the timing is re-decided from the
 * check's date (an execution listener at the start of {@code BusinessRuleTask_RedecideTiming}, which runs in the
 * completion's transaction; the engine wraps what a task listener throws, so a task listener could not give a 400).
 * The form checks the same in the browser, but a task can also be completed through the engine's REST API. A
 * refusal throws the engine's {@link FormFieldValidationException} (what its own form field validators throw; its
 * task resource answers it with 400, any other engine exception with 500): the completion is rolled back (the task
 * stays open, nothing is recorded), Tasklist shows the message, and the REST API answers 400 with it.
 */
@Component("checkPaymentValidation")
public class CheckPaymentValidation implements ExecutionListener {

  /** As the form and the payment columns allow. */
  static final int MAX_NUMBER = 30;
  static final int MAX_PAYER = 200;
  static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

  private final TimeSource time;

  public CheckPaymentValidation(TimeSource time) {
    this.time = time;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    text(execution, CHECK_NUMBER, "check number", MAX_NUMBER, problems);
    text(execution, CHECK_PAYER, "payer", MAX_PAYER, problems);
    date(execution, problems);
    amount(execution, problems);
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(List.copyOf(problems),
          "The check cannot be recorded: " + String.join("; ", problems) + ".");
    }
  }

  private static void text(VariableScope scope, String name, String label, int max, List<String> problems) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      problems.add("the " + label + " is required");
    } else if (value.toString().strip().length() > max) {
      problems.add("the " + label + " has more than " + max + " characters");
    }
  }

  private void date(VariableScope scope, List<String> problems) {
    Object value = scope.getVariable(CHECK_DATE);
    if (value == null || value.toString().isBlank()) {
      problems.add("the check's date is required");
      return;
    }
    String text = value.toString().strip();
    LocalDate date;
    try {
      date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      problems.add("the check's date '" + text + "' is not a date (yyyy-mm-dd)");
      return;
    }
    if (date.isAfter(time.today())) {
      problems.add("the check is dated " + date + ", after today: record a postdated check on its date");
    }
  }

  private static void amount(VariableScope scope, List<String> problems) {
    Object value = scope.getVariable(CHECK_AMOUNT);
    if (value == null || value.toString().isBlank()) {
      problems.add("the amount is required");
      return;
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      problems.add("the amount '" + value + "' is not a number");
      return;
    }
    if (amount.signum() <= 0) {
      problems.add("the amount must be more than 0 USD");
    } else if (amount.stripTrailingZeros().scale() > 2) {
      problems.add("the amount has more than 2 decimals");
    } else if (amount.compareTo(MAX_AMOUNT) > 0) {
      problems.add("the amount is more than " + MAX_AMOUNT.toPlainString() + " USD");
    }
  }
}
