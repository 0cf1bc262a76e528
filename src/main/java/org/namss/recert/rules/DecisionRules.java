package org.namss.recert.rules;

import static org.namss.recert.rules.Decisions.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Typed access to the business rules kept as DMN decision tables in {@code decisions/}: every amount, count and
 * date of the recertification rules (R1a-R28) is decided there, never in Java.
 * <p>
 * Each call evaluates the latest deployed version of the decision by its key ({@link LatestDecisions}), so a table
 * an analyst redeploys takes effect without a code change or a restart. Numbers come back as exact
 * {@link BigDecimal}s, dates as {@link LocalDate}
 * (date-times as {@link LocalDateTime}, local time in the association's zone America/New_York).
 * A decision that matches no rule for a single-result question raises an {@link IllegalStateException}.
 * <p>
 * The dates of the renewal calendar are decided by {@code renewalCalendar} only: the tables that decide by them
 * ({@link Decisions#READ_THE_CALENDAR}) get them from it as inputs, for the renewal year asked about.
 */
@Service
public class DecisionRules {

    private final DecisionEvaluator decisions;

    /** @param decisions in the application {@link LatestDecisions} */
    public DecisionRules(DecisionEvaluator decisions) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    /** R5, R6: credits required for a certificant holding {@code type}. */
    public CreditRequirement creditRequirement(CertificationCategory type, boolean firstTimeDual) {
        Objects.requireNonNull(type, "type");
        Map<String, Object> row = single(CREDIT_REQUIREMENT, Variables.createVariables()
                .putValue(CERTIFICATION_TYPE, type.name())
                .putValue(FIRST_TIME_DUAL, firstTimeDual));
        return new CreditRequirement(
                DecisionValues.toBigDecimal(row.get(REQUIRED_TOTAL_CREDITS), REQUIRED_TOTAL_CREDITS),
                DecisionValues.toBigDecimal(row.get(REQUIRED_APPROVED_CREDITS), REQUIRED_APPROVED_CREDITS));
    }

    /** R1a, R8, R21, R25, R26: the key dates of renewal year {@code renewalYear}. */
    public RenewalCalendar renewalCalendar(int renewalYear) {
        Map<String, Object> row = single(RENEWAL_CALENDAR, Variables.createVariables()
                .putValue(RENEWAL_YEAR, renewalYear));
        return new RenewalCalendar(
                DecisionValues.toLocalDate(row.get(APPLICATION_OPENS), APPLICATION_OPENS),
                DecisionValues.toLocalDate(row.get(ON_TIME_DEADLINE), ON_TIME_DEADLINE),
                DecisionValues.toLocalDate(row.get(LATE_DEADLINE), LATE_DEADLINE),
                DecisionValues.toLocalDate(row.get(LAPSE_DATE), LAPSE_DATE),
                DecisionValues.toLocalDate(row.get(EXTENSION_DEADLINE), EXTENSION_DEADLINE),
                DecisionValues.toLocalDate(row.get(REINSTATEMENT_DEADLINE), REINSTATEMENT_DEADLINE));
    }

    /**
     * R9: the days on which CE credits count for renewal year {@code renewalYear}.
     *
     * @param initialCertificationDate date of initial certification; {@code null} if unknown (standard window)
     * @param cycleYears the years of the cycle that ends with {@code renewalYear} ({@link #cycleYears}, R3)
     */
    public CreditWindow creditWindow(int renewalYear, LocalDate initialCertificationDate, int cycleYears) {
        // R9 / R8: the window ends on the calendar's on-time deadline of N, starts after that of N minus a cycle
        Map<String, Object> row = single(CE_CREDIT_WINDOW, Variables.createVariables()
                .putValue(RENEWAL_YEAR, renewalYear)
                .putValue(CYCLE_YEARS, cycleYears)
                .putValue(INITIAL_CERTIFICATION_DATE, initialCertificationDate)
                .putValue(ON_TIME_DEADLINE, renewalCalendar(renewalYear).onTimeDeadline())
                .putValue(PREVIOUS_ON_TIME_DEADLINE, renewalCalendar(renewalYear - cycleYears).onTimeDeadline()));
        return new CreditWindow(
                DecisionValues.toLocalDate(row.get(WINDOW_START), WINDOW_START),
                DecisionValues.toLocalDate(row.get(WINDOW_END), WINDOW_END));
    }

    /**
     * R1a, R8, R15, R21, R22, R25-R27: where an application submitted on {@code submittedOn} falls, by the dates of
     * {@link #renewalCalendar} for the renewal year (the table's inputs, so they are part of the question).
     *
     * @param checkDatedOn date written on the check paying the fee, {@code null} if not paid by check
     */
    public SubmissionTiming submissionTiming(int renewalYear, LocalDate submittedOn, LocalDate checkDatedOn,
                                             boolean extensionGranted) {
        Objects.requireNonNull(submittedOn, "submittedOn");
        Map<String, Object> row = single(SUBMISSION_TIMING, withCalendar(renewalYear, Variables.createVariables()
                .putValue(RENEWAL_YEAR, renewalYear)
                .putValue(SUBMITTED_ON, submittedOn)
                .putValue(CHECK_DATED_ON, checkDatedOn)
                .putValue(EXTENSION_GRANTED, extensionGranted)));
        return SubmissionTiming.valueOf(DecisionValues.toText(row.get(TIMING), TIMING));
    }

    /**
     * R28: the invoice lines, in table order (recertification fee first). Empty when nothing is payable
     * (e.g. {@link SubmissionTiming#TOO_EARLY} or {@link SubmissionTiming#EXPIRED}).
     *
     * @param timing may be {@code null} for {@link FeePurpose#EXTENSION}
     */
    public List<FeeLine> fees(FeePurpose purpose, SubmissionTiming timing, CertificationCategory type) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(type, "type");
        DmnDecisionResult result = evaluate(FEE_SCHEDULE, Variables.createVariables()
                .putValue(PURPOSE, purpose.name())
                .putValue(TIMING, timing == null ? null : timing.name())
                .putValue(CERTIFICATION_TYPE, type.name()));
        List<FeeLine> lines = new ArrayList<>(result.size());
        for (DmnDecisionResultEntries row : result) {
            lines.add(new FeeLine(
                    DecisionValues.toText(row.get(FEE_CODE), FEE_CODE),
                    DecisionValues.toMoney(row.get(AMOUNT), AMOUNT)));
        }
        return List.copyOf(lines);
    }

    /**
     * R20: whether an extension may be requested.
     *
     * @param requiredTotalCredits from {@link #creditRequirement}
     * @param certificateCredits   credits documented by the certificates sent with the request
     * @param requestedAt          local time of the request in the association's zone (America/New_York)
     */
    public ExtensionDecision extensionEligibility(int renewalYear, BigDecimal requiredTotalCredits,
                                                  BigDecimal certificateCredits, LocalDateTime requestedAt) {
        Objects.requireNonNull(requiredTotalCredits, "requiredTotalCredits");
        Objects.requireNonNull(certificateCredits, "certificateCredits");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Map<String, Object> row = single(EXTENSION_ELIGIBILITY, withCalendar(renewalYear, Variables.createVariables()
                .putValue(RENEWAL_YEAR, renewalYear)
                .putValue(REQUIRED_TOTAL_CREDITS, DecisionValues.toDecisionNumber(requiredTotalCredits))
                .putValue(CERTIFICATE_CREDITS, DecisionValues.toDecisionNumber(certificateCredits))
                .putValue(REQUESTED_AT, requestedAt)));
        return new ExtensionDecision(
                DecisionValues.toBoolean(row.get(ELIGIBLE), ELIGIBLE),
                DecisionValues.toText(row.get(REASON), REASON));
    }

    /** R23: the courtesy notices of renewal year {@code renewalYear}, in table order. */
    public List<Reminder> reminders(int renewalYear) {
        DmnDecisionResult result = evaluate(REMINDER_SCHEDULE, withCalendar(renewalYear,
                Variables.createVariables().putValue(RENEWAL_YEAR, renewalYear)));
        List<Reminder> reminders = new ArrayList<>(result.size());
        for (DmnDecisionResultEntries row : result) {
            reminders.add(new Reminder(
                    DecisionValues.toLocalDate(row.get(REMINDER_DATE), REMINDER_DATE),
                    DecisionValues.toText(row.get(REMINDER_KIND), REMINDER_KIND)));
        }
        return List.copyOf(reminders);
    }

    /**
     * R3: the years of one cycle of a certification: renewal years follow each other at this distance.
     *
     * @param certificationType "CPCS" or "CPMSM"
     */
    public int cycleYears(String certificationType) {
        Map<String, Object> row = single(CERTIFICATION_CYCLE, Variables.createVariables()
                .putValue(CERTIFICATION_TYPE, certificationType));
        int years = DecisionValues.toBigDecimal(row.get(CYCLE_YEARS), CYCLE_YEARS).intValueExact();
        if (years < 1) {
            throw new IllegalStateException(CERTIFICATION_CYCLE + " gave " + years + " years for " + certificationType);
        }
        return years;
    }

    /** R16: days after the fee is received until the review is due, and until it escalates to the lead. */
    public ReviewDeadlines reviewDeadlines(String applicationKind) {
        Map<String, Object> row = single(REVIEW_DEADLINES, Variables.createVariables()
                .putValue(APPLICATION_KIND, applicationKind));
        return new ReviewDeadlines(
                DecisionValues.toBigDecimal(row.get(REVIEW_DUE_DAYS), REVIEW_DUE_DAYS).intValueExact(),
                DecisionValues.toBigDecimal(row.get(ESCALATE_DAYS), ESCALATE_DAYS).intValueExact(),
                // read only where changes are asked for: a table version without it still serves every payment
                row.get(CHANGES_DUE_DAYS) == null ? null
                        : DecisionValues.toBigDecimal(row.get(CHANGES_DUE_DAYS), CHANGES_DUE_DAYS).intValueExact());
    }

    /** The inputs with renewalCalendar's dates of {@code renewalYear} added ({@link RenewalCalendar#asInputs()}). */
    private VariableMap withCalendar(int renewalYear, VariableMap variables) {
        variables.putAll(renewalCalendar(renewalYear).asInputs());
        return variables;
    }

    private DmnDecisionResult evaluate(String decisionKey, VariableMap variables) {
        return decisions.evaluate(decisionKey, variables);
    }

    /** The one matching row of a single-result (UNIQUE) decision. */
    private Map<String, Object> single(String decisionKey, VariableMap variables) {
        DmnDecisionResult result = evaluate(decisionKey, variables);
        if (result.isEmpty()) {
            throw new IllegalStateException("Decision '" + decisionKey + "' matched no rule for " + variables);
        }
        if (result.size() > 1) {
            throw new IllegalStateException("Decision '" + decisionKey + "' matched " + result.size()
                    + " rules for " + variables + "; expected exactly one");
        }
        return result.getFirstResult();
    }
}
