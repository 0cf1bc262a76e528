package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("renewalCalendar - key dates of renewal year N (R1a, R8, R20, R21, R25, R26)")
class RenewalCalendarDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    RenewalCalendarDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    @Test
    @DisplayName("raw result: contract variable names; FEEL dates arrive as LocalDate")
    void rawResult() {
        DmnDecisionResult result = decisionService.evaluateDecisionByKey("renewalCalendar")
                .variables(Variables.createVariables().putValue("renewalYear", 2026))
                .evaluate();

        Map<String, Object> row = result.getSingleResult().getEntryMap();
        assertThat(row).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationOpens", LocalDate.of(2026, 8, 1),        // R1a
                "onTimeDeadline", LocalDate.of(2026, 12, 1),         // R8
                "lateDeadline", LocalDate.of(2026, 12, 31),          // R8
                "lapseDate", LocalDate.of(2027, 1, 1),               // R25
                "extensionDeadline", LocalDate.of(2027, 6, 1),       // R21
                "reinstatementDeadline", LocalDate.of(2027, 6, 30))); // R26 (decided)
    }

    @Test
    @DisplayName("renewal year given as a long (e.g. from a process variable) works the same")
    void renewalYearAsLong() {
        DmnDecisionResult result = decisionService.evaluateDecisionByKey("renewalCalendar")
                .variables(Variables.createVariables().putValue("renewalYear", 2026L))
                .evaluate();

        assertThat(result.getSingleResult().getEntryMap().get("onTimeDeadline")).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("facade: the same calendar every year, the following-year dates in N+1")
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2029})
    void facade(int year) {
        RenewalCalendar calendar = rules.renewalCalendar(year);

        assertThat(calendar).isEqualTo(new RenewalCalendar(
                LocalDate.of(year, 8, 1),
                LocalDate.of(year, 12, 1),
                LocalDate.of(year, 12, 31),
                LocalDate.of(year + 1, 1, 1),
                LocalDate.of(year + 1, 6, 1),
                LocalDate.of(year + 1, 6, 30)));
    }

    @Test
    @DisplayName("R8 / R25: the lapse date is the day after the late deadline; R25: an extension lapses the day after it ends")
    void datesFollowEachOther() {
        RenewalCalendar calendar = rules.renewalCalendar(2026);

        assertThat(calendar.lateDeadline().plusDays(1)).isEqualTo(calendar.lapseDate());
        assertThat(calendar.applicationOpens()).isBefore(calendar.onTimeDeadline());
        assertThat(calendar.extensionDeadline()).isBefore(calendar.reinstatementDeadline());
    }
}
