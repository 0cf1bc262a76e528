package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.namss.recert.certificant.Certification;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("certificationCycle - years from one renewal year to the next (R3)")
class CertificationCycleDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    CertificationCycleDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("R3: 3-year cycles for CPCS and CPMSM; the raw result uses the contract's name")
    @ValueSource(strings = {"CPCS", "CPMSM"})
    void threeYears(String type) {
        assertThat(decisionService.evaluateDecisionByKey(Decisions.CERTIFICATION_CYCLE)
                .variables(Variables.createVariables().putValue("certificationType", type)).evaluate()
                .getSingleResult().getEntryMap()).containsEntry("cycleYears", 3);
        assertThat(rules.cycleYears(type)).isEqualTo(3);
    }

    @Test
    @DisplayName("an unknown certification matches no rule: an error, not a guess")
    void unknownType() {
        assertThatThrownBy(() -> rules.cycleYears("CPCSM")).hasMessageContaining(Decisions.CERTIFICATION_CYCLE);
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("R3, R9: the credit window spans one cycle: 2 December of N minus the cycle, for 3 and for 4 years")
    @ValueSource(ints = {2026, 2027, 2030})
    void theCreditWindowFollowsTheCycle(int renewalYear) {
        int cycle = rules.cycleYears("CPCS");
        assertThat(rules.creditWindow(renewalYear, null, cycle).start())
                .isEqualTo(LocalDate.of(renewalYear - 3, 12, 2));
        assertThat(rules.creditWindow(renewalYear, null, 4).start()).isEqualTo(LocalDate.of(renewalYear - 4, 12, 2));
        // R9's first cycle: certified in N - cycle, credits count from the initial date
        assertThat(rules.creditWindow(renewalYear, LocalDate.of(renewalYear - 4, 5, 10), 4).start())
                .isEqualTo(LocalDate.of(renewalYear - 4, 5, 10));
    }

    @ParameterizedTest(name = "certified {0}, in {1}: renews in {2} (3-year cycle), {3} (4-year cycle)")
    @DisplayName("R3: initially certified in Y, the renewal years are Y + cycle, Y + 2 x cycle, ...")
    @CsvSource({"2023-05-10, 2026, 2026, 2027", "2023-05-10, 2027, 2029, 2027", "2025-01-15, 2025, 2028, 2029",
        "2017-12-31, 2026, 2026, 2029"})
    void firstRenewalYear(LocalDate initial, int currentYear, int threeYearCycle, int fourYearCycle) {
        assertThat(Certification.firstRenewalYearFrom(initial, currentYear, rules.cycleYears("CPCS")))
                .isEqualTo(threeYearCycle);
        assertThat(Certification.firstRenewalYearFrom(initial, currentYear, 4)).isEqualTo(fourYearCycle);
    }
}
