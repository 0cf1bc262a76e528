package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.namss.recert.rules.SubmissionTiming.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("submissionTiming - where an application falls in the renewal calendar (R1a, R8, R15, R21, R22, R25-R27)")
class SubmissionTimingDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    SubmissionTimingDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    /** Renewal year 2026: submitted on, check dated on (null = not paid by check), extension granted, timing. */
    static Stream<Arguments> renewal2026() {
        return Stream.of(
                // R1a: the application opens on 1 August
                Arguments.of("2026-07-31", null, false, TOO_EARLY),
                Arguments.of("2026-07-31", null, true, TOO_EARLY),
                Arguments.of("2026-08-01", null, false, ON_TIME),
                // R8: on or before 1 December - no late fee
                Arguments.of("2026-10-15", "2026-10-14", false, ON_TIME),
                Arguments.of("2026-12-01", null, false, ON_TIME),
                Arguments.of("2026-12-01", "2026-12-01", false, ON_TIME),
                Arguments.of("2026-12-01", null, true, ON_TIME),
                // R8: 2 - 31 December - late fee
                Arguments.of("2026-12-02", null, false, LATE),
                Arguments.of("2026-12-31", null, false, LATE),
                Arguments.of("2026-12-31", "2026-12-15", false, LATE),
                // R15: a check dated on or before 1 December is not late, even when it arrives later
                Arguments.of("2026-12-02", "2026-12-01", false, ON_TIME),
                Arguments.of("2026-12-02", "2026-12-02", false, LATE),
                Arguments.of("2026-12-31", "2026-11-30", false, ON_TIME),
                // R21 / R22: completion of an approved extension through 1 June of N+1 - no late fee
                Arguments.of("2026-12-02", null, true, EXTENDED),
                Arguments.of("2026-12-02", "2026-12-01", true, EXTENDED),
                Arguments.of("2026-12-31", null, true, EXTENDED),
                Arguments.of("2027-01-01", null, true, EXTENDED),
                Arguments.of("2027-06-01", null, true, EXTENDED),
                // R25: after 31 December (or, with an extension, after 1 June) the certificant has lapsed;
                // R26: reinstatement through 30 June of N+1
                Arguments.of("2027-01-01", null, false, REINSTATEMENT),
                Arguments.of("2027-01-01", "2026-11-30", false, REINSTATEMENT), // R15 is about December only
                Arguments.of("2027-06-01", null, false, REINSTATEMENT),
                Arguments.of("2027-06-02", null, true, REINSTATEMENT),
                Arguments.of("2027-06-30", null, false, REINSTATEMENT),
                Arguments.of("2027-06-30", null, true, REINSTATEMENT),
                // R27: after 30 June of N+1 the certification has expired
                Arguments.of("2027-07-01", null, false, EXPIRED),
                Arguments.of("2027-07-01", null, true, EXPIRED),
                Arguments.of("2029-01-15", null, false, EXPIRED));
    }

    /** Evaluates the table with renewalCalendar's dates of the renewal year as inputs, as the application does. */
    private DmnDecisionResult evaluate(VariableMap variables) {
        variables.putAll(rules.renewalCalendar((Integer) variables.get("renewalYear")).asInputs());
        return decisionService.evaluateDecisionByKey("submissionTiming").variables(variables).evaluate();
    }

    @ParameterizedTest(name = "submitted {0}, check {1}, extension {2}: {3}")
    @DisplayName("raw decision, dates as ISO-8601 strings")
    @MethodSource("renewal2026")
    void rawWithIsoStrings(String submittedOn, String checkDatedOn, boolean extensionGranted, SubmissionTiming expected) {
        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("submittedOn", submittedOn)
                .putValue("checkDatedOn", checkDatedOn)
                .putValue("extensionGranted", extensionGranted));

        assertThat(result.getSingleResult().getEntryMap()).containsOnlyKeys("timing").containsEntry("timing", expected.name());
    }

    @ParameterizedTest(name = "submitted {0}, check {1}, extension {2}: {3}")
    @DisplayName("raw decision, dates as java.time.LocalDate")
    @MethodSource("renewal2026")
    void rawWithLocalDates(String submittedOn, String checkDatedOn, boolean extensionGranted, SubmissionTiming expected) {
        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("submittedOn", LocalDate.parse(submittedOn))
                .putValue("checkDatedOn", checkDatedOn == null ? null : LocalDate.parse(checkDatedOn))
                .putValue("extensionGranted", extensionGranted));

        assertThat(result.getSingleResult().getEntryMap().get("timing")).isEqualTo(expected.name());
    }

    @ParameterizedTest(name = "submitted {0}, check {1}, extension {2}: {3}")
    @DisplayName("facade")
    @MethodSource("renewal2026")
    void facade(String submittedOn, String checkDatedOn, boolean extensionGranted, SubmissionTiming expected) {
        SubmissionTiming timing = rules.submissionTiming(2026, LocalDate.parse(submittedOn),
                checkDatedOn == null ? null : LocalDate.parse(checkDatedOn), extensionGranted);

        assertThat(timing).isEqualTo(expected);
    }

    @Test
    @DisplayName("R8 / R15: check date and extension flag may be left out - then there is no check and no extension")
    void optionalInputsMayBeMissing() {
        assertThat(evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("submittedOn", "2026-12-02")).getSingleResult().getEntryMap().get("timing"))
                .isEqualTo("LATE");
        assertThat(evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("submittedOn", "2027-02-01")).getSingleResult().getEntryMap().get("timing"))
                .isEqualTo("REINSTATEMENT");
    }

    @Test
    @DisplayName("R8 / R15: java.util.Date (Camunda's own date variable type, e.g. from a task form) is read as a local date")
    void rawWithJavaUtilDate() {
        // midnight in the JVM's default time zone, the zone in which FEEL reads a java.util.Date
        ZoneId zone = ZoneId.systemDefault();
        Date submitted = Date.from(LocalDate.of(2026, 12, 2).atStartOfDay(zone).toInstant());
        Date checkDated = Date.from(LocalDate.of(2026, 12, 1).atStartOfDay(zone).toInstant());

        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("submittedOn", submitted)
                .putValue("checkDatedOn", checkDated)
                .putValue("extensionGranted", false));

        assertThat(result.getSingleResult().getEntryMap()).containsEntry("timing", "ON_TIME");
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("every boundary agrees with renewalCalendar (the dates are kept in both tables)")
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2029})
    void agreesWithRenewalCalendar(int year) {
        RenewalCalendar c = rules.renewalCalendar(year);

        // R1a
        assertThat(rules.submissionTiming(year, c.applicationOpens().minusDays(1), null, false)).isEqualTo(TOO_EARLY);
        assertThat(rules.submissionTiming(year, c.applicationOpens(), null, false)).isEqualTo(ON_TIME);
        // R8
        assertThat(rules.submissionTiming(year, c.onTimeDeadline(), null, false)).isEqualTo(ON_TIME);
        assertThat(rules.submissionTiming(year, c.onTimeDeadline().plusDays(1), null, false)).isEqualTo(LATE);
        assertThat(rules.submissionTiming(year, c.lateDeadline(), null, false)).isEqualTo(LATE);
        // R15
        assertThat(rules.submissionTiming(year, c.lateDeadline(), c.onTimeDeadline(), false)).isEqualTo(ON_TIME);
        assertThat(rules.submissionTiming(year, c.lateDeadline(), c.onTimeDeadline().plusDays(1), false)).isEqualTo(LATE);
        // R25 / R26
        assertThat(rules.submissionTiming(year, c.lapseDate(), null, false)).isEqualTo(REINSTATEMENT);
        assertThat(rules.submissionTiming(year, c.reinstatementDeadline(), null, false)).isEqualTo(REINSTATEMENT);
        // R21 / R22 / R25
        assertThat(rules.submissionTiming(year, c.onTimeDeadline().plusDays(1), null, true)).isEqualTo(EXTENDED);
        assertThat(rules.submissionTiming(year, c.extensionDeadline(), null, true)).isEqualTo(EXTENDED);
        assertThat(rules.submissionTiming(year, c.extensionDeadline().plusDays(1), null, true)).isEqualTo(REINSTATEMENT);
        // R27
        assertThat(rules.submissionTiming(year, c.reinstatementDeadline().plusDays(1), null, true)).isEqualTo(EXPIRED);
        assertThat(rules.submissionTiming(year, c.reinstatementDeadline().plusDays(1), null, false)).isEqualTo(EXPIRED);
    }
}
