package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every DMN file in {@code decisions/} is readable by an analyst and operable: history time to live, a business
 * label on every input and output, an annotation citing the domain rule on every rule, no {@code typeRef="date"}.
 */
@ExtendWith(DecisionEngineExtension.class)
@DisplayName("decisions/*.dmn follow the modelling conventions")
class DecisionModelConventionsTest {

    private static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/dmn";

    static Stream<Path> dmnFiles() {
        return DecisionEngineExtension.dmnFiles().stream();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(DMN13, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    @Test
    @DisplayName("the contract's seven decisions each have their file decisions/<key>.dmn")
    void everyContractDecisionHasItsFile() {
        assertThat(DecisionEngineExtension.dmnFiles()).extracting(file -> file.getFileName().toString())
                .contains(
                        Decisions.CREDIT_REQUIREMENT + ".dmn",
                        Decisions.RENEWAL_CALENDAR + ".dmn",
                        Decisions.CE_CREDIT_WINDOW + ".dmn",
                        Decisions.SUBMISSION_TIMING + ".dmn",
                        Decisions.FEE_SCHEDULE + ".dmn",
                        Decisions.EXTENSION_ELIGIBILITY + ".dmn",
                        Decisions.REMINDER_SCHEDULE + ".dmn");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("DMN 1.3, the file is named after its decision, historyTimeToLive is set")
    @MethodSource("dmnFiles")
    void decisionsAreNamedAndHaveHistoryTimeToLive(Path file) throws Exception {
        Element definitions = parse(file).getDocumentElement();
        assertThat(definitions.getNamespaceURI()).isEqualTo(DMN13);

        List<Element> decisions = children(definitions, "decision");
        String key = file.getFileName().toString().replaceFirst("\\.dmn$", "");
        assertThat(decisions).extracting(d -> d.getAttribute("id")).contains(key);
        for (Element decision : decisions) {
            assertThat(decision.getAttribute("name")).as("name of %s", decision.getAttribute("id")).isNotBlank();
            assertThat(decision.getAttributeNS(CAMUNDA, "historyTimeToLive"))
                    .as("camunda:historyTimeToLive of %s", decision.getAttribute("id")).isEqualTo("P180D");
        }
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("every input and output has a business label; outputs have a name; no typeRef=\"date\" (java.util.Date in Camunda 7)")
    @MethodSource("dmnFiles")
    void inputsAndOutputsAreLabelled(Path file) throws Exception {
        Element definitions = parse(file).getDocumentElement();

        List<Element> inputs = children(definitions, "input");
        List<Element> outputs = children(definitions, "output");
        assertThat(outputs).isNotEmpty();
        for (Element input : inputs) {
            assertThat(input.getAttribute("label")).as("label of input %s", input.getAttribute("id")).isNotBlank();
            assertThat(text(input, "inputExpression")).as("expression of input %s", input.getAttribute("id")).isNotBlank();
        }
        for (Element output : outputs) {
            assertThat(output.getAttribute("label")).as("label of output %s", output.getAttribute("id")).isNotBlank();
            assertThat(output.getAttribute("name")).as("name of output %s", output.getAttribute("id")).isNotBlank();
        }
        Stream.concat(children(definitions, "inputExpression").stream(), outputs.stream())
                .forEach(element -> assertThat(element.getAttribute("typeRef"))
                        .as("typeRef of %s", element.getAttribute("id")).isNotEqualTo("date"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("every rule carries an annotation citing an R-number; the Modeler's annotation column (description) says the same")
    @MethodSource("dmnFiles")
    void everyRuleIsAnnotated(Path file) throws Exception {
        Element definitions = parse(file).getDocumentElement();

        for (Element table : children(definitions, "decisionTable")) {
            assertThat(children(table, "annotation")).as("annotation column in %s", table.getAttribute("id")).isNotEmpty();
            List<Element> rules = children(table, "rule");
            assertThat(rules).as("rules of %s", table.getAttribute("id")).isNotEmpty();
            for (Element rule : rules) {
                String annotation = text(rule, "annotationEntry");
                assertThat(annotation).as("annotation of rule %s", rule.getAttribute("id"))
                        .isNotBlank()
                        .containsPattern("\\bR\\d+a?\\b");
                assertThat(text(rule, "description"))
                        .as("description of rule %s (shown by Camunda Modeler as the annotation) must equal its annotationEntry",
                                rule.getAttribute("id"))
                        .isEqualTo(annotation);
            }
        }
    }

    @Test
    @DisplayName("every file is deployed and each contract key evaluates the latest version")
    void everythingIsDeployed(ProcessEngine engine, DecisionEngineExtension.DeployedDecisions deployed) {
        List<DecisionDefinition> latest = engine.getRepositoryService().createDecisionDefinitionQuery()
                .latestVersion().list();

        assertThat(latest).extracting(DecisionDefinition::getResourceName)
                .containsAll(deployed.files().stream().map(f -> "decisions/" + f.getFileName()).toList());
        assertThat(latest).extracting(DecisionDefinition::getKey).contains(
                Decisions.CREDIT_REQUIREMENT, Decisions.RENEWAL_CALENDAR, Decisions.CE_CREDIT_WINDOW,
                Decisions.SUBMISSION_TIMING, Decisions.FEE_SCHEDULE, Decisions.EXTENSION_ELIGIBILITY,
                Decisions.REMINDER_SCHEDULE);
        assertThat(latest).allSatisfy(definition ->
                assertThat(definition.getHistoryTimeToLive()).as("HTTL of %s", definition.getKey()).isEqualTo(180));
    }
}
