package org.namss.recert.rules;

import static org.namss.recert.rules.Decisions.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.hitpolicy.DmnHitPolicyException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Asks a decision table every question the product asks it ({@link DecisionRules} and its callers), before the table
 * is deployed, and says what is wrong with the answers: no answer, several answers where one is expected, a value of
 * the wrong type, a missing recertification fee, a non-positive amount or count, dates out of order.
 *
 * <p>Only the tables whose questions the product fixes are asked: {@value Decisions#FEE_SCHEDULE},
 * {@value Decisions#CREDIT_REQUIREMENT}, {@value Decisions#REVIEW_DEADLINES}, {@value Decisions#RENEWAL_CALENDAR}
 * and {@value Decisions#CERTIFICATION_CYCLE}. A table that parses but answers wrongly would otherwise be accepted
 * and break renewals later (an invoice without its recertification fee, CE progress failing with "matched no rule").
 * The questions:
 * <ul>
 *   <li>feeSchedule: RECERTIFICATION for ON_TIME, LATE, EXTENDED and REINSTATEMENT, and EXTENSION (no timing), for
 *       CPCS, CPMSM and DUAL (R8, R20, R22, R26, R28);</li>
 *   <li>creditRequirement: CPCS, CPMSM and DUAL not first-time dual, DUAL first-time dual (R5, R6);</li>
 *   <li>reviewDeadlines: RECERTIFICATION and REINSTATEMENT (R16, R25-R27);</li>
 *   <li>renewalCalendar: every renewal year from {@value #YEARS_BACK} years before the current year to
 *       {@value #YEARS_AHEAD} after it (R1a, R8, R21, R25, R26);</li>
 *   <li>certificationCycle: CPCS and CPMSM (R3).</li>
 * </ul>
 */
public final class DecisionTableAnswers {

  /** The decision keys whose answers are checked. */
  public static final Set<String> CHECKED = Set.of(FEE_SCHEDULE, CREDIT_REQUIREMENT, REVIEW_DEADLINES,
      RENEWAL_CALENDAR, CERTIFICATION_CYCLE);

  /** Renewal years asked of renewalCalendar before the current one (reinstatements, certificants' past years). */
  static final int YEARS_BACK = 6;
  /** Renewal years asked after the current one (next renewal years, badges' expiry, a changed cycle). */
  static final int YEARS_AHEAD = 12;

  /** A matched rule in the DMN engine's message of a hit policy violation (DMN-03001). */
  private static final Pattern MATCHED_RULE = Pattern.compile("DmnEvaluatedDecisionRuleImpl\\{id='([^']+)'");

  /** At most this many problems are listed; the rest are counted. */
  static final int MAX_PROBLEMS = 6;

  static final String RECERTIFICATION_FEE = "RECERTIFICATION_FEE";
  static final String LATE_FEE = "LATE_FEE";
  static final String REINSTATEMENT_FEE = "REINSTATEMENT_FEE";
  static final String EXTENSION_FEE = "EXTENSION_FEE";

  private final DmnEngine engine;
  private final int currentYear;

  /**
   * @param engine evaluates as the application does (its FEEL engine, without history); see {@link #engineLike}
   * @param currentYear the year renewalCalendar's range of renewal years is centred on
   */
  public DecisionTableAnswers(DmnEngine engine, int currentYear) {
    this.engine = engine;
    this.currentYear = currentYear;
  }

  /**
   * A DMN engine that evaluates as the process engine's does (its FEEL engine, expression languages and settings)
   * but without its listeners, which write history and count metrics; the engine's defaults without one.
   */
  public static DmnEngine engineLike(DefaultDmnEngineConfiguration engines) {
    if (engines == null) {
      return DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    }
    return DmnEngines.like(engines).buildEngine();
  }

  /**
   * What is wrong with the answers of {@code decision} (a version not yet deployed) to the product's questions;
   * empty when every question gets a usable answer, or when the product asks the decision's key nothing fixed.
   */
  public List<String> problems(DmnDecision decision) {
    Problems problems = new Problems(decision.getKey());
    switch (decision.getKey()) {
      case FEE_SCHEDULE -> feeSchedule(decision, problems);
      case CREDIT_REQUIREMENT -> creditRequirement(decision, problems);
      case REVIEW_DEADLINES -> reviewDeadlines(decision, problems);
      case RENEWAL_CALENDAR -> renewalCalendar(decision, problems);
      case CERTIFICATION_CYCLE -> certificationCycle(decision, problems);
      default -> { }
    }
    return problems.list();
  }

  // ---- the tables ----

  private void feeSchedule(DmnDecision decision, Problems problems) {
    for (CertificationCategory type : CertificationCategory.values()) {
      for (SubmissionTiming timing : List.of(SubmissionTiming.ON_TIME, SubmissionTiming.LATE,
          SubmissionTiming.EXTENDED, SubmissionTiming.REINSTATEMENT)) {
        List<String> codes = feeLines(decision, FeePurpose.RECERTIFICATION, timing, type, problems);
        if (codes == null) {
          continue;
        }
        String question = feeQuestion(FeePurpose.RECERTIFICATION, timing, type);
        expectOnce(codes, RECERTIFICATION_FEE, question, problems,
            "R28: every accepted recertification pays the recertification fee of its certification");
        if (timing == SubmissionTiming.LATE) {
          expectOnce(codes, LATE_FEE, question, problems, "R8: the $50 late fee, which the renewal e-mails state");
        }
        if (timing == SubmissionTiming.REINSTATEMENT) {
          expectOnce(codes, REINSTATEMENT_FEE, question, problems,
              "R26: the reinstatement fee, which the lapse letter states");
        }
      }
      List<String> codes = feeLines(decision, FeePurpose.EXTENSION, null, type, problems);
      if (codes != null) {
        expectOnce(codes, EXTENSION_FEE, feeQuestion(FeePurpose.EXTENSION, null, type), problems,
            "R20: an extension request pays the extension fee");
      }
    }
  }

  /** The fee codes of the lines, each line's code and amount checked; null when the table gives no usable answer. */
  private List<String> feeLines(DmnDecision decision, FeePurpose purpose, SubmissionTiming timing,
      CertificationCategory type, Problems problems) {
    String question = feeQuestion(purpose, timing, type);
    DmnDecisionResult result = evaluate(decision, Variables.createVariables()
        .putValue(PURPOSE, purpose.name())
        .putValue(TIMING, timing == null ? null : timing.name())
        .putValue(CERTIFICATION_TYPE, type.name()), question, problems);
    if (result == null) {
      return null;
    }
    if (result.isEmpty()) {
      problems.add(question, "no answer (no rule matches): the invoice would have no line");
      return null;
    }
    List<String> codes = new ArrayList<>();
    for (DmnDecisionResultEntries line : result) {
      String code = text(line, FEE_CODE, question, problems);
      BigDecimal amount = number(line, AMOUNT, question, problems);
      if (amount != null && amount.signum() <= 0) {
        problems.add(question, "the amount of " + (code == null ? "a line" : code) + " is " + amount.toPlainString()
            + ", not a positive amount (R28)");
      }
      if (code != null) {
        codes.add(code);
      }
    }
    return codes;
  }

  private static void expectOnce(List<String> codes, String code, String question, Problems problems, String why) {
    long count = codes.stream().filter(code::equals).count();
    if (count == 0) {
      problems.add(question, "no " + code + " line (" + why + "); the lines are " + codes);
    } else if (count > 1) {
      problems.add(question, count + " " + code + " lines where one is expected; the lines are " + codes);
    }
  }

  private static String feeQuestion(FeePurpose purpose, SubmissionTiming timing, CertificationCategory type) {
    return "purpose " + purpose + (timing == null ? "" : ", timing " + timing) + ", certification " + type;
  }

  private void creditRequirement(DmnDecision decision, Problems problems) {
    record Question(CertificationCategory type, boolean firstTimeDual) {}
    for (Question asked : List.of(new Question(CertificationCategory.CPCS, false),
        new Question(CertificationCategory.CPMSM, false), new Question(CertificationCategory.DUAL, false),
        new Question(CertificationCategory.DUAL, true))) {
      String question = "certification " + asked.type() + ", first-time dual " + asked.firstTimeDual();
      Map<String, Object> row = single(decision, Variables.createVariables()
          .putValue(CERTIFICATION_TYPE, asked.type().name())
          .putValue(FIRST_TIME_DUAL, asked.firstTimeDual()), question, problems);
      if (row == null) {
        continue;
      }
      BigDecimal total = number(row, REQUIRED_TOTAL_CREDITS, question, problems);
      BigDecimal approved = number(row, REQUIRED_APPROVED_CREDITS, question, problems);
      if (total != null && total.signum() <= 0) {
        problems.add(question, REQUIRED_TOTAL_CREDITS + " is " + total.toPlainString()
            + ", not a positive number (R5, R7: the requirement is never waived)");
      }
      if (approved != null && approved.signum() < 0) {
        problems.add(question, REQUIRED_APPROVED_CREDITS + " is " + approved.toPlainString() + ", below 0 (R5)");
      }
      if (total != null && approved != null && approved.compareTo(total) > 0) {
        problems.add(question, REQUIRED_APPROVED_CREDITS + " " + approved.toPlainString() + " is more than "
            + REQUIRED_TOTAL_CREDITS + " " + total.toPlainString() + " (R5: approved credits are part of the total)");
      }
    }
  }

  private void reviewDeadlines(DmnDecision decision, Problems problems) {
    for (boolean reinstating : List.of(false, true)) {
      String kind = reinstating ? ApplicationKinds.REINSTATEMENT : ApplicationKinds.RECERTIFICATION;
      String question = "application kind " + kind;
      Map<String, Object> row = single(decision, Variables.createVariables().putValue(APPLICATION_KIND, kind),
          question, problems);
      if (row == null) {
        continue;
      }
      Integer due = days(row, REVIEW_DUE_DAYS, question, problems);
      Integer escalate = days(row, ESCALATE_DAYS, question, problems);
      days(row, CHANGES_DUE_DAYS, question, problems);
      if (due != null && escalate != null && escalate < due) {
        problems.add(question, ESCALATE_DAYS + " " + escalate + " is before " + REVIEW_DUE_DAYS + " " + due
            + " (R16: a review goes to the team lead after it is due, not before)");
      }
    }
  }

  /** A whole, positive number of days. */
  private static Integer days(Map<String, Object> row, String output, String question, Problems problems) {
    BigDecimal value = number(row, output, question, problems);
    if (value == null) {
      return null;
    }
    if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0) {
      problems.add(question, output + " is " + value.toPlainString() + ", not a whole positive number of days");
      return null;
    }
    return value.intValueExact();
  }

  private void renewalCalendar(DmnDecision decision, Problems problems) {
    List<String> names = List.of(APPLICATION_OPENS, ON_TIME_DEADLINE, LATE_DEADLINE, LAPSE_DATE,
        EXTENSION_DEADLINE, REINSTATEMENT_DEADLINE);
    for (int year = currentYear - YEARS_BACK; year <= currentYear + YEARS_AHEAD; year++) {
      String question = "renewal year " + year;
      Map<String, Object> row = single(decision, Variables.createVariables().putValue(RENEWAL_YEAR, year),
          question, problems);
      if (row == null) {
        continue;
      }
      Map<String, LocalDate> dates = new LinkedHashMap<>();
      for (String name : names) {
        LocalDate date = date(row, name, question, problems);
        if (date != null) {
          dates.put(name, date);
        }
      }
      if (dates.size() < names.size()) {
        continue;
      }
      // R1a, R8: opens <= on time <= late; R25: lapse after the late deadline; R21, R26: extension, reinstatement
      inOrder(dates, APPLICATION_OPENS, ON_TIME_DEADLINE, false, question, problems);
      inOrder(dates, ON_TIME_DEADLINE, LATE_DEADLINE, false, question, problems);
      inOrder(dates, LATE_DEADLINE, LAPSE_DATE, true, question, problems);
      inOrder(dates, LAPSE_DATE, EXTENSION_DEADLINE, false, question, problems);
      inOrder(dates, EXTENSION_DEADLINE, REINSTATEMENT_DEADLINE, false, question, problems);
    }
  }

  private static void inOrder(Map<String, LocalDate> dates, String earlier, String later, boolean strictly,
      String question, Problems problems) {
    LocalDate first = dates.get(earlier);
    LocalDate second = dates.get(later);
    if (second.isBefore(first) || strictly && second.isEqual(first)) {
      problems.add(question, "dates out of order: " + later + " " + second + " is " + (second.isEqual(first)
          ? "on" : "before") + " " + earlier + " " + first + " (expected " + earlier + (strictly ? " < " : " <= ")
          + later + "; R1a, R8, R21, R25, R26)");
    }
  }

  private void certificationCycle(DmnDecision decision, Problems problems) {
    for (String type : List.of(CertificationCategory.CPCS.name(), CertificationCategory.CPMSM.name())) {
      String question = "certification " + type;
      Map<String, Object> row = single(decision, Variables.createVariables().putValue(CERTIFICATION_TYPE, type),
          question, problems);
      if (row == null) {
        continue;
      }
      BigDecimal years = number(row, CYCLE_YEARS, question, problems);
      if (years != null && (years.signum() <= 0 || years.stripTrailingZeros().scale() > 0)) {
        problems.add(question, CYCLE_YEARS + " is " + years.toPlainString() + ", not a whole positive number of years"
            + " (R3)");
      }
    }
  }

  // ---- evaluation and values ----

  /** The result, or null (with the problem) when the evaluation fails. */
  private DmnDecisionResult evaluate(DmnDecision decision, VariableMap variables, String question,
      Problems problems) {
    try {
      return engine.evaluateDecision(decision, variables);
    } catch (DmnHitPolicyException e) {
      List<String> rules = MATCHED_RULE.matcher(messages(e)).results().map(m -> m.group(1)).distinct().toList();
      problems.add(question, "several answers where one is expected: "
          + (rules.isEmpty() ? messages(e) : "rules " + String.join(", ", rules) + " all match"));
    } catch (RuntimeException e) {
      String message = messages(e);
      // DMN-01005: an output entry's value does not fit the column's typeRef
      problems.add(question, (message.contains("DMN-01005") ? "wrong type: " : "the evaluation fails: ") + message);
    }
    return null;
  }

  /** The one answer of a single-result question, or null (with the problem). */
  private Map<String, Object> single(DmnDecision decision, VariableMap variables, String question,
      Problems problems) {
    DmnDecisionResult result = evaluate(decision, variables, question, problems);
    if (result == null) {
      return null;
    }
    if (result.isEmpty()) {
      problems.add(question, "no answer (no rule matches)");
      return null;
    }
    if (result.size() > 1) {
      problems.add(question, result.size() + " answers where one is expected");
      return null;
    }
    return result.getFirstResult();
  }

  private static BigDecimal number(Map<String, Object> row, String output, String question, Problems problems) {
    Object value = present(row, output, question, problems);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number)) {
      problems.add(question, wrongType(output, value, "a number"));
      return null;
    }
    try {
      return DecisionValues.toBigDecimal(value, output);
    } catch (RuntimeException e) {
      problems.add(question, e.getMessage());
      return null;
    }
  }

  private static String text(Map<String, Object> row, String output, String question, Problems problems) {
    Object value = present(row, output, question, problems);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(question, wrongType(output, value, "a text"));
      return null;
    }
    return text;
  }

  private static LocalDate date(Map<String, Object> row, String output, String question, Problems problems) {
    Object value = present(row, output, question, problems);
    if (value == null) {
      return null;
    }
    if (!(value instanceof LocalDate || value instanceof LocalDateTime || value instanceof ZonedDateTime
        || value instanceof OffsetDateTime || value instanceof Date)) {
      problems.add(question, wrongType(output, value, "a date, e.g. date(renewalYear, 12, 1)"));
      return null;
    }
    return DecisionValues.toLocalDate(value, output);
  }

  private static Object present(Map<String, Object> row, String output, String question, Problems problems) {
    Object value = row.get(output);
    if (value == null) {
      problems.add(question, "no value for '" + output + "'" + (row.containsKey(output) ? ""
          : " (the table has no output of that name)"));
    }
    return value;
  }

  private static String wrongType(String output, Object value, String expected) {
    String shown = value instanceof String ? "the text \"" + value + "\"" : value + " ("
        + value.getClass().getSimpleName() + ")";
    return "wrong type: '" + output + "' is " + shown + " where " + expected + " is expected";
  }

  /** The messages of an exception and its causes, e.g. the engine's DMN-0xxxx errors, each once. */
  public static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
        if (!text.isEmpty()) {
          text.append(" <- ");
        }
        text.append(t.getMessage());
      }
    }
    return text.isEmpty() ? e.getClass().getSimpleName() : text.toString();
  }

  /** The applicationKind values the product asks reviewDeadlines (PaymentReceived.reviewKind). */
  private static final class ApplicationKinds {
    static final String RECERTIFICATION = "RECERTIFICATION";
    static final String REINSTATEMENT = "REINSTATEMENT";
  }

  /** The problems found, each naming the decision and the question; at most {@link #MAX_PROBLEMS} listed. */
  private static final class Problems {
    private final String decisionKey;
    private final List<String> listed = new ArrayList<>();
    private int more;

    Problems(String decisionKey) {
      this.decisionKey = decisionKey;
    }

    void add(String question, String problem) {
      String text = "decision '" + decisionKey + "', question (" + question + "): " + problem;
      if (listed.contains(text)) {
        return;
      }
      if (listed.size() < MAX_PROBLEMS) {
        listed.add(text);
      } else {
        more++;
      }
    }

    List<String> list() {
      List<String> all = new ArrayList<>(listed);
      if (more > 0) {
        all.add("and " + more + " more problems of decision '" + decisionKey + "'");
      }
      return all;
    }
  }
}
