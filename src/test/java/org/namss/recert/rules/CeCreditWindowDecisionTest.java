package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("ceCreditWindow - days on which CE credits count (R9)")
class CeCreditWindowDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    CeCreditWindowDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    /** R3: the 3-year cycle of certificationCycle, as DecisionRules passes it. */
    static final int CYCLE = 3;

    private DmnDecisionResult evaluate(VariableMap variables) {
        // renewalCalendar's on-time deadlines of N and of N minus a cycle, as DecisionRules passes them
        int year = (Integer) variables.get("renewalYear");
        variables.putValue("onTimeDeadline", rules.renewalCalendar(year).onTimeDeadline())
                .putValue("previousOnTimeDeadline", rules.renewalCalendar(year - CYCLE).onTimeDeadline());
        return decisionService.evaluateDecisionByKey("ceCreditWindow")
                .variables(variables.putValue("cycleYears", CYCLE)).evaluate();
    }

    /** Renewal year 2026: the standard window is 2023-12-02 through 2026-12-01. */
    @ParameterizedTest(name = "initially certified {0}: window {1} .. 2026-12-01")
    @DisplayName("R9: window start by initial certification date (renewal year 2026)")
    @CsvSource({
            "2014-03-15, 2023-12-02", // several cycles ago: standard window
            "2020-12-01, 2023-12-02", // certified in N-6: standard window
            "2022-12-31, 2023-12-02", // certified in N-4 (last day): standard window
            "2023-01-01, 2023-01-01", // certified in N-3 (first day): counts from the initial date
            "2023-05-10, 2023-05-10", // R9 first cycle: earlier than 2 Dec of N-3
            "2023-12-01, 2023-12-01", // last day before the standard window
            "2023-12-02, 2023-12-02", // first day of the standard window: both readings agree
            "2023-12-15, 2023-12-02", // decided: R9 only widens the window, it never narrows it
            "2023-12-31, 2023-12-02"
    })
    void windowStart(LocalDate initialCertificationDate, LocalDate expectedStart) {
        // ISO string, as a REST client or process variable would send it
        DmnDecisionResult fromString = evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("initialCertificationDate", initialCertificationDate.toString()));
        // java.time.LocalDate
        DmnDecisionResult fromDate = evaluate(Variables.createVariables()
                .putValue("renewalYear", 2026)
                .putValue("initialCertificationDate", initialCertificationDate));

        for (DmnDecisionResult result : new DmnDecisionResult[] {fromString, fromDate}) {
            assertThat(result.getSingleResult().getEntryMap())
                    .containsOnlyKeys("windowStart", "windowEnd")
                    .containsEntry("windowStart", expectedStart)
                    .containsEntry("windowEnd", LocalDate.of(2026, 12, 1));
        }
        assertThat(rules.creditWindow(2026, initialCertificationDate, CYCLE))
                .isEqualTo(new CreditWindow(expectedStart, LocalDate.of(2026, 12, 1)));
    }

    @Test
    @DisplayName("R9: unknown initial certification date - standard window")
    void unknownInitialDate() {
        assertThat(rules.creditWindow(2026, null, CYCLE))
                .isEqualTo(new CreditWindow(LocalDate.of(2023, 12, 2), LocalDate.of(2026, 12, 1)));
        assertThat(evaluate(Variables.createVariables().putValue("renewalYear", 2026)).getSingleResult()
                .getEntryMap().get("windowStart"))
                .isEqualTo(LocalDate.of(2023, 12, 2));
    }

    @Test
    @DisplayName("R9: both ends inclusive - 1 Dec N-3 out, 2 Dec N-3 in, 1 Dec N in, 2 Dec N out")
    void containsIsInclusive() {
        CreditWindow window = rules.creditWindow(2026, LocalDate.of(2017, 6, 1), CYCLE);

        assertThat(window.contains(LocalDate.of(2023, 12, 1))).isFalse();
        assertThat(window.contains(LocalDate.of(2023, 12, 2))).isTrue();
        assertThat(window.contains(LocalDate.of(2025, 6, 15))).isTrue();
        assertThat(window.contains(LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(window.contains(LocalDate.of(2026, 12, 2))).isFalse();
    }

    @Test
    @DisplayName("R9 first cycle: a credit earned on the initial certification date counts, the day before does not")
    void firstCycleContains() {
        CreditWindow window = rules.creditWindow(2026, LocalDate.of(2023, 5, 10), CYCLE);

        assertThat(window.contains(LocalDate.of(2023, 5, 9))).isFalse();
        assertThat(window.contains(LocalDate.of(2023, 5, 10))).isTrue();
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("R9 / R8: the window agrees with renewalCalendar - it ends on the on-time deadline of N and starts the day after that of N-3")
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2029})
    void agreesWithRenewalCalendar(int year) {
        CreditWindow window = rules.creditWindow(year, LocalDate.of(year - 9, 3, 1), CYCLE);

        assertThat(window.end()).isEqualTo(rules.renewalCalendar(year).onTimeDeadline());
        assertThat(window.start()).isEqualTo(rules.renewalCalendar(year - 3).onTimeDeadline().plusDays(1));
    }
}
