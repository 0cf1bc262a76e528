package org.namss.recert.rules;

/**
 * Keys of the DMN decisions in {@code decisions/} and the names of their input and output variables.
 * Processes ({@code camunda:decisionRef}) and outside checks call the decisions by these keys; the file of each
 * decision is {@code decisions/<key>.dmn}. Renaming anything here breaks that contract.
 */
public final class Decisions {

    /** R5, R6: credits required. In: certificationType, firstTimeDual. Out: requiredTotalCredits, requiredApprovedCredits. */
    public static final String CREDIT_REQUIREMENT = "creditRequirement";
    /** R1a, R8, R21, R25, R26: dates of renewal year N. In: renewalYear. */
    public static final String RENEWAL_CALENDAR = "renewalCalendar";
    /**
     * R9: window in which credits count. In: renewalYear, cycleYears, initialCertificationDate, and from
     * renewalCalendar onTimeDeadline (of N) and previousOnTimeDeadline (of N minus a cycle). Out: windowStart,
     * windowEnd.
     */
    public static final String CE_CREDIT_WINDOW = "ceCreditWindow";
    /**
     * R1a, R8, R15, R21, R22, R25-R27. In: renewalYear, submittedOn, checkDatedOn, extensionGranted, and the dates of
     * renewalCalendar for renewalYear ({@link RenewalCalendar#asInputs()}). Out: timing.
     */
    public static final String SUBMISSION_TIMING = "submissionTiming";
    /** R28, hit policy COLLECT. In: purpose, timing, certificationType. Out per line: feeCode, amount. */
    public static final String FEE_SCHEDULE = "feeSchedule";
    /**
     * R20. In: renewalYear, requiredTotalCredits, certificateCredits, requestedAt, and the dates of renewalCalendar
     * for renewalYear (the table reads onTimeDeadline). Out: eligible, reason.
     */
    public static final String EXTENSION_ELIGIBILITY = "extensionEligibility";
    /**
     * R23, hit policy COLLECT. In: renewalYear, and the dates of renewalCalendar for renewalYear (the table reads
     * onTimeDeadline). Out per notice: reminderDate, reminderKind.
     */
    public static final String REMINDER_SCHEDULE = "reminderSchedule";

    /** R3: years per certification cycle. In: certificationType. Out: cycleYears. */
    public static final String CERTIFICATION_CYCLE = "certificationCycle";
    public static final String CYCLE_YEARS = "cycleYears";

    /**
     * R16: review due and escalation, in days after the fee is received (or the requested changes arrive); R25-R27:
     * days to send requested changes. In: applicationKind. Out: reviewDueDays, escalateDays, changesDueDays.
     */
    public static final String REVIEW_DEADLINES = "reviewDeadlines";
    public static final String APPLICATION_KIND = "applicationKind";
    public static final String REVIEW_DUE_DAYS = "reviewDueDays";
    public static final String ESCALATE_DAYS = "escalateDays";
    public static final String CHANGES_DUE_DAYS = "changesDueDays";

    /** Folder of the DMN files, relative to the project root and to the class path. */
    public static final String FOLDER = "decisions";

    // ---- input variables ----
    public static final String CERTIFICATION_TYPE = "certificationType";
    public static final String FIRST_TIME_DUAL = "firstTimeDual";
    public static final String RENEWAL_YEAR = "renewalYear";
    public static final String INITIAL_CERTIFICATION_DATE = "initialCertificationDate";
    public static final String SUBMITTED_ON = "submittedOn";
    public static final String CHECK_DATED_ON = "checkDatedOn";
    public static final String EXTENSION_GRANTED = "extensionGranted";
    public static final String PURPOSE = "purpose";
    /** Input of {@link #FEE_SCHEDULE} and output of {@link #SUBMISSION_TIMING}. */
    public static final String TIMING = "timing";
    /** Input of {@link #EXTENSION_ELIGIBILITY} and output of {@link #CREDIT_REQUIREMENT}. */
    public static final String REQUIRED_TOTAL_CREDITS = "requiredTotalCredits";
    public static final String CERTIFICATE_CREDITS = "certificateCredits";
    public static final String REQUESTED_AT = "requestedAt";
    /** Input of {@link #CE_CREDIT_WINDOW}: renewalCalendar's onTimeDeadline of the renewal year a cycle earlier. */
    public static final String PREVIOUS_ON_TIME_DEADLINE = "previousOnTimeDeadline";

    // ---- output variables ----
    public static final String REQUIRED_APPROVED_CREDITS = "requiredApprovedCredits";
    public static final String APPLICATION_OPENS = "applicationOpens";
    public static final String ON_TIME_DEADLINE = "onTimeDeadline";
    public static final String LATE_DEADLINE = "lateDeadline";
    public static final String LAPSE_DATE = "lapseDate";
    public static final String EXTENSION_DEADLINE = "extensionDeadline";
    public static final String REINSTATEMENT_DEADLINE = "reinstatementDeadline";
    public static final String WINDOW_START = "windowStart";
    public static final String WINDOW_END = "windowEnd";
    public static final String FEE_CODE = "feeCode";
    public static final String AMOUNT = "amount";
    public static final String ELIGIBLE = "eligible";
    public static final String REASON = "reason";
    public static final String REMINDER_DATE = "reminderDate";
    public static final String REMINDER_KIND = "reminderKind";

    /**
     * The decisions that take renewalCalendar's dates of {@code renewalYear} as inputs, named as its outputs
     * ({@link RenewalCalendar#asInputs()}): wherever they are evaluated, the caller passes them (DecisionRules; for
     * the processes' business-rule tasks, {@link CalendarDecisionInputs}).
     */
    public static final java.util.Set<String> READ_THE_CALENDAR =
            java.util.Set.of(SUBMISSION_TIMING, EXTENSION_ELIGIBILITY, CE_CREDIT_WINDOW, REMINDER_SCHEDULE);

    private Decisions() {
    }
}
