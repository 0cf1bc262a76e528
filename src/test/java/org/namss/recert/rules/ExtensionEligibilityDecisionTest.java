package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;

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
@DisplayName("extensionEligibility - may an extension be requested (R20)")
class ExtensionEligibilityDecisionTest {

    private static final String CLOSED_2026 = "Extension requests close at 5:00 PM Eastern on December 1, 2026.";

    private final DecisionService decisionService;
    private final DecisionRules rules;

    ExtensionEligibilityDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    private DmnDecisionResult evaluate(Object requiredTotalCredits, Object certificateCredits, Object requestedAt) {
        VariableMap variables = Variables.createVariables();
        variables.putAll(rules.renewalCalendar(2026).asInputs()); // as the application passes them
        return decisionService.evaluateDecisionByKey("extensionEligibility")
                .variables(variables
                        .putValue("renewalYear", 2026)
                        .putValue("requiredTotalCredits", requiredTotalCredits)
                        .putValue("certificateCredits", certificateCredits)
                        .putValue("requestedAt", requestedAt))
                .evaluate();
    }

    @ParameterizedTest(name = "{1} of {0} credits: eligible {2}")
    @DisplayName("R20: certificates for at least half of the required total (15 of 30, 22.5 of 45)")
    @CsvSource({
            "30, 12,   false",
            "30, 14.5, false",
            "30, 15,   true",
            "30, 30,   true",
            "45, 22,   false",
            "45, 22.5, true",
            "45, 45,   true"
    })
    void creditsThreshold(BigDecimal required, BigDecimal sent, boolean eligible) {
        ExtensionDecision decision = rules.extensionEligibility(2026, required, sent, LocalDateTime.of(2026, 11, 20, 10, 0));

        assertThat(decision.eligible()).isEqualTo(eligible);
        if (!eligible) {
            assertThat(decision.reason()).isEqualTo("An extension request needs certificates for at least "
                    + required.divide(BigDecimal.valueOf(2)).stripTrailingZeros().toPlainString()
                    + " of the " + required.toPlainString() + " required credits; you sent " + sent.toPlainString() + ".");
        } else {
            assertThat(decision.reason()).startsWith("Your extension request can be accepted")
                    .contains(sent.toPlainString() + " of the " + required.toPlainString() + " required credits");
        }
    }

    @Test
    @DisplayName("R20: the reason quotes the numbers the way a person writes them (15, not 15.00)")
    void reasonShowsPlainNumbers() {
        ExtensionDecision decision = rules.extensionEligibility(2026, new BigDecimal("30.00"), new BigDecimal("12.0"),
                LocalDateTime.of(2026, 10, 1, 9, 0));

        assertThat(decision).isEqualTo(new ExtensionDecision(false,
                "An extension request needs certificates for at least 15 of the 30 required credits; you sent 12."));
    }

    @ParameterizedTest(name = "requested {0}: eligible {1}")
    @DisplayName("R20 (decided): requests close on 1 Dec at 17:00 America/New_York, inclusive")
    @CsvSource({
            "2026-08-01T09:00:00, true",
            "2026-12-01T16:59:00, true",
            "2026-12-01T16:59:59, true",
            "2026-12-01T17:00:00, true",
            "2026-12-01T17:00:01, false",
            "2026-12-01T17:01:00, false",
            "2026-12-02T00:00:00, false",
            "2027-01-15T12:00:00, false"
    })
    void cutoff(String requestedAt, boolean eligible) {
        // ISO string, LocalDateTime and the facade must agree
        DmnDecisionResult fromString = evaluate(30, 15, requestedAt);
        DmnDecisionResult fromDateTime = evaluate(30, 15, LocalDateTime.parse(requestedAt));
        ExtensionDecision viaFacade = rules.extensionEligibility(2026, BigDecimal.valueOf(30), BigDecimal.valueOf(15),
                LocalDateTime.parse(requestedAt));

        for (DmnDecisionResult result : new DmnDecisionResult[] {fromString, fromDateTime}) {
            assertThat(result.getSingleResult().getEntryMap()).containsOnlyKeys("eligible", "reason")
                    .containsEntry("eligible", eligible);
        }
        assertThat(viaFacade.eligible()).isEqualTo(eligible);
        if (!eligible) {
            assertThat(viaFacade.reason()).isEqualTo(CLOSED_2026);
            assertThat(fromString.getSingleResult().getEntryMap().get("reason")).isEqualTo(CLOSED_2026);
        }
    }

    @Test
    @DisplayName("R20: raw inputs as plain numbers (integer / double) and ISO strings")
    void rawWithPlainNumbers() {
        DmnDecisionResult result = evaluate(45, 22.5, "2026-12-01T16:59:00");

        assertThat(result.getSingleResult().getEntryMap().get("eligible")).isEqualTo(true);
        assertThat(result.getSingleResult().<String>getEntry("reason")).contains("22.5 of the 45 required credits");

        DmnDecisionResult tooFew = evaluate(30, 12, "2026-11-02T08:00:00");
        assertThat(tooFew.getSingleResult().getEntryMap()).containsEntry("eligible", false).containsEntry("reason",
                "An extension request needs certificates for at least 15 of the 30 required credits; you sent 12.");
    }

    @Test
    @DisplayName("R20: too late AND too few credits - the closed deadline is the reason (no request is accepted after it)")
    void lateWins() {
        ExtensionDecision decision = rules.extensionEligibility(2026, BigDecimal.valueOf(30), BigDecimal.valueOf(3),
                LocalDateTime.of(2026, 12, 1, 17, 1));

        assertThat(decision).isEqualTo(new ExtensionDecision(false, CLOSED_2026));
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("R20: requests close at 17:00 on renewalCalendar's on-time deadline (1 December)")
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2029})
    void agreesWithRenewalCalendar(int year) {
        LocalDateTime cutoff = rules.renewalCalendar(year).onTimeDeadline().atTime(17, 0);
        BigDecimal thirty = BigDecimal.valueOf(30);

        assertThat(rules.extensionEligibility(year, thirty, thirty, cutoff).eligible()).isTrue();
        assertThat(rules.extensionEligibility(year, thirty, thirty, cutoff.plusSeconds(1)).eligible()).isFalse();
        assertThat(rules.extensionEligibility(year, thirty, thirty, cutoff.plusSeconds(1)).reason())
                .isEqualTo("Extension requests close at 5:00 PM Eastern on December 1, " + year + ".");
    }
}
