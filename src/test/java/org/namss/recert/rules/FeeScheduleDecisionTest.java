package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("feeSchedule - invoice lines (R8, R20, R22, R26, R28)")
class FeeScheduleDecisionTest {

    /** The shipped PLACEHOLDER recertification fees (R28, decided); change together with feeSchedule.dmn. */
    private static final Map<CertificationCategory, String> RECERTIFICATION_FEE = Map.of(
            CertificationCategory.CPCS, "175.00",
            CertificationCategory.CPMSM, "175.00",
            CertificationCategory.DUAL, "250.00");

    private final DecisionService decisionService;
    private final DecisionRules rules;

    FeeScheduleDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    private DmnDecisionResult evaluate(String purpose, String timing, String certificationType) {
        return decisionService.evaluateDecisionByKey("feeSchedule")
                .variables(Variables.createVariables()
                        .putValue("purpose", purpose)
                        .putValue("timing", timing)
                        .putValue("certificationType", certificationType))
                .evaluate();
    }

    static Stream<Arguments> recertification() {
        return Stream.of(CertificationCategory.values()).flatMap(type -> {
            FeeLine fee = new FeeLine("RECERTIFICATION_FEE", new BigDecimal(RECERTIFICATION_FEE.get(type)));
            return Stream.of(
                    Arguments.of(SubmissionTiming.ON_TIME, type, List.of(fee)),                           // R8
                    Arguments.of(SubmissionTiming.LATE, type,
                            List.of(fee, new FeeLine("LATE_FEE", new BigDecimal("50.00")))),            // R8, R28
                    Arguments.of(SubmissionTiming.EXTENDED, type, List.of(fee)),                          // R22: no late fee
                    Arguments.of(SubmissionTiming.REINSTATEMENT, type,
                            List.of(fee, new FeeLine("REINSTATEMENT_FEE", new BigDecimal("100.00")))),  // R26, R28
                    Arguments.of(SubmissionTiming.TOO_EARLY, type, List.of()),                            // R1a: refused
                    Arguments.of(SubmissionTiming.EXPIRED, type, List.of()));                             // R27: refused
        });
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @DisplayName("R28: recertification invoice lines per timing and certification (facade, amounts as BigDecimal with cents)")
    @MethodSource("recertification")
    void recertificationFacade(SubmissionTiming timing, CertificationCategory type, List<FeeLine> expected) {
        assertThat(rules.fees(FeePurpose.RECERTIFICATION, timing, type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @DisplayName("R28: raw COLLECT result - one row per invoice line with feeCode and amount")
    @MethodSource("recertification")
    void recertificationRaw(SubmissionTiming timing, CertificationCategory type, List<FeeLine> expected) {
        DmnDecisionResult result = evaluate("RECERTIFICATION", timing.name(), type.name());

        assertThat(result).allSatisfy(row -> assertThat(row.getEntryMap()).containsOnlyKeys("feeCode", "amount"));
        assertThat(result.collectEntries("feeCode")).containsExactlyElementsOf(expected.stream().map(FeeLine::feeCode).toList());
        List<Object> amounts = result.collectEntries("amount");
        assertThat(amounts).allSatisfy(amount -> assertThat(amount).isInstanceOf(Number.class));
        assertThat(amounts.stream().map(a -> new BigDecimal(a.toString())).toList())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expected.stream().map(FeeLine::amount).toList());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("R20 / R28: an extension request costs the $50 extension fee only, whatever the timing or certification")
    @EnumSource(CertificationCategory.class)
    void extensionFee(CertificationCategory type) {
        List<FeeLine> expected = List.of(new FeeLine("EXTENSION_FEE", new BigDecimal("50.00")));

        assertThat(rules.fees(FeePurpose.EXTENSION, null, type)).isEqualTo(expected);
        for (SubmissionTiming timing : SubmissionTiming.values()) {
            assertThat(rules.fees(FeePurpose.EXTENSION, timing, type)).as("timing %s", timing).isEqualTo(expected);
        }
        assertThat(evaluate("EXTENSION", null, type.name()))
                .extracting(row -> row.getEntry("feeCode"), row -> new BigDecimal(row.getEntry("amount").toString()).intValueExact())
                .containsExactly(tuple("EXTENSION_FEE", 50));
    }

    @Test
    @DisplayName("R8 / R28: a late CPCS renewal pays recertification fee plus $50 - summed in BigDecimal")
    void lateTotal() {
        BigDecimal total = rules.fees(FeePurpose.RECERTIFICATION, SubmissionTiming.LATE, CertificationCategory.CPCS)
                .stream().map(FeeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(total).isEqualTo(new BigDecimal("225.00"));
    }

    @Test
    @DisplayName("R28 (decided): every recertification fee row is marked PLACEHOLDER - business to set")
    void recertificationFeesAreMarkedAsPlaceholders() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document dmn = factory.newDocumentBuilder().parse(Path.of("decisions", "feeSchedule.dmn").toFile());

        NodeList rules = dmn.getElementsByTagNameNS("*", "rule");
        int placeholders = 0;
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            String feeCode = ((Element) rule.getElementsByTagNameNS("*", "outputEntry").item(0)).getTextContent().trim();
            String annotation = rule.getElementsByTagNameNS("*", "annotationEntry").item(0).getTextContent().trim();
            if (feeCode.equals("\"RECERTIFICATION_FEE\"")) {
                assertThat(annotation).startsWith("PLACEHOLDER - business to set");
                placeholders++;
            }
        }
        assertThat(placeholders).isEqualTo(CertificationCategory.values().length);
    }
}
