package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("creditRequirement - CE credits required (R5, R6, R7)")
class CreditRequirementDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    CreditRequirementDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    private DmnDecisionResult evaluate(VariableMap variables) {
        return decisionService.evaluateDecisionByKey("creditRequirement").variables(variables).evaluate();
    }

    @ParameterizedTest(name = "{0}, first-time dual {1}: {2} total / {3} approved")
    @DisplayName("R5 / R6: raw decision result per certification held")
    @CsvSource({
            "CPCS,  false, 30, 15", // R5
            "CPCS,  true,  30, 15", // R6 concerns dual certificants only
            "CPMSM, false, 30, 15", // R5
            "CPMSM, true,  30, 15",
            "DUAL,  false, 45, 25", // R5
            "DUAL,  true,  30, 15"  // R6 (decided: approved minimum follows the single row)
    })
    void rawResult(String certificationType, boolean firstTimeDual, int total, int approved) {
        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("certificationType", certificationType)
                .putValue("firstTimeDual", firstTimeDual));

        assertThat(result).hasSize(1);
        assertThat(result.getSingleResult().getEntryMap())
                .containsOnlyKeys("requiredTotalCredits", "requiredApprovedCredits");
        assertThat(number(result.getSingleResult().getEntry("requiredTotalCredits"))).isEqualByComparingTo(total + "");
        assertThat(number(result.getSingleResult().getEntry("requiredApprovedCredits"))).isEqualByComparingTo(approved + "");
    }

    @ParameterizedTest(name = "{0}, first-time dual {1}: {2} / {3}")
    @DisplayName("R5 / R6: facade returns exact BigDecimals")
    @CsvSource({
            "CPCS,  false, 30, 15",
            "CPMSM, false, 30, 15",
            "DUAL,  false, 45, 25",
            "DUAL,  true,  30, 15"
    })
    void facade(CertificationCategory type, boolean firstTimeDual, BigDecimal total, BigDecimal approved) {
        CreditRequirement requirement = rules.creditRequirement(type, firstTimeDual);

        assertThat(requirement).isEqualTo(new CreditRequirement(total, approved));
    }

    @Test
    @DisplayName("R5: a single certification needs no first-time flag at all")
    void singleCertificationWithoutFlag() {
        DmnDecisionResult result = evaluate(Variables.createVariables().putValue("certificationType", "CPMSM"));

        assertThat(number(result.getSingleResult().getEntry("requiredTotalCredits"))).isEqualByComparingTo("30");
    }

    @Test
    @DisplayName("R5 / R7: a dual certificant without the first-time flag needs the full 45 / 25 (never less by omission)")
    void dualWithoutFlagNeedsFullRequirement() {
        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("certificationType", "DUAL")
                .putValue("firstTimeDual", null));

        assertThat(number(result.getSingleResult().getEntry("requiredTotalCredits"))).isEqualByComparingTo("45");
        assertThat(number(result.getSingleResult().getEntry("requiredApprovedCredits"))).isEqualByComparingTo("25");
    }

    @Test
    @DisplayName("R1: the FAQ's misspelling CPCSM is not a certification - no rule, no requirement")
    void unknownCertificationMatchesNothing() {
        DmnDecisionResult result = evaluate(Variables.createVariables()
                .putValue("certificationType", "CPCSM")
                .putValue("firstTimeDual", false));

        assertThat(result).isEmpty();
    }

    @Test
    @DisplayName("R6: first-time dual lowers only the minimum - the dual requirement stays above it")
    void firstTimeDualIsLowerThanDual() {
        assertThat(rules.creditRequirement(CertificationCategory.DUAL, true).totalCredits())
                .isLessThan(rules.creditRequirement(CertificationCategory.DUAL, false).totalCredits());
    }

    static BigDecimal number(Object value) {
        assertThat(value).isInstanceOf(Number.class);
        return new BigDecimal(value.toString());
    }
}
