package org.namss.recert.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Camunda Form in {@code forms/} renders in Tasklist 7.24 (form-js schema 16-18, no dynamic list or file
 * picker) and submits exactly the process variables the BPMN models and delegates read; every
 * {@code camunda:formRef} in {@code processes/} names a form that exists.
 */
@DisplayName("forms/*.form are valid Camunda Forms for Tasklist 7.24")
class FormsTest {

    private static final Path FORMS = Path.of("forms");
    private static final Path PROCESSES = Path.of("processes");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** form-js components that submit a value under their {@code key}. */
    private static final Set<String> INPUT_TYPES =
            Set.of("textfield", "textarea", "number", "datetime", "radio", "select", "checkbox", "checklist",
                    "taglist");

    /** Display-only and layout components that Tasklist 7.24 renders. */
    private static final Set<String> DISPLAY_TYPES = Set.of("text", "html", "spacer", "separator", "group", "image");

    /** Components that break Tasklist 7.24: a dynamic list keeps Complete disabled; there is no file upload. */
    private static final Set<String> FORBIDDEN_TYPES = Set.of("dynamiclist", "filepicker");

    /** The contract: form id -> the process variables it submits. A renamed key breaks a process. */
    private static final Map<String, Set<String>> EXPECTED_INPUT_KEYS = expectedInputKeys();

    private static Map<String, Set<String>> expectedInputKeys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        keys.put("startRenewalForm", Set.of("certificantNumber", "renewalYear", "submittedOn"));
        keys.put("emailedApplicationForm", Set.of("certificantNumber", "renewalYear", "submittedOn"));
        keys.put("placeInvoiceForm", Set.of("invoiceConfirmed"));
        keys.put("recordCheckPaymentForm", Set.of("checkNumber", "checkDate", "checkAmount", "checkPayer"));
        keys.put("reviewApplicationForm", Set.of("reviewOutcome", "reviewMessage"));
        keys.put("auditExtensionForm", Set.of("auditOutcome", "auditReason", "extensionFeePaidBy", "checkNumber",
                "checkDate", "checkAmount", "checkPayer"));
        keys.put("startExtensionForm", Set.of("certificantNumber", "renewalYear", "requestedAt"));
        keys.put("openRenewalYearForm", Set.of("renewalYear"));
        return keys;
    }

    static List<Path> formFiles() throws IOException {
        if (!Files.isDirectory(FORMS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".form")).sorted().toList();
        }
    }

    private static String formId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".form".length());
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** All components, depth first, including those nested in groups. */
    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            result.add(component);
            result.addAll(components(component));
        }
        return result;
    }

    private static List<JsonNode> inputs(JsonNode form) {
        return components(form).stream().filter(c -> INPUT_TYPES.contains(c.path("type").asText())).toList();
    }

    private static JsonNode input(JsonNode form, String key) {
        return inputs(form).stream()
                .filter(c -> key.equals(c.path("key").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no input with key " + key));
    }

    /** A date picker carries its label in {@code dateLabel} (and a time picker in {@code timeLabel}). */
    private static String label(JsonNode component) {
        if ("datetime".equals(component.path("type").asText())) {
            String dateLabel = component.path("dateLabel").asText("");
            return dateLabel.isBlank() ? component.path("timeLabel").asText("") : dateLabel;
        }
        return component.path("label").asText("");
    }

    private static JsonNode form(String id) throws IOException {
        return read(FORMS.resolve(id + ".form"));
    }

    // ---------------------------------------------------------------- every form

    @Test
    @DisplayName("forms/ holds a file for each of the seven contracted forms")
    void contractedFormsExist() throws IOException {
        Set<String> ids = formFiles().stream().map(FormsTest::formId).collect(Collectors.toSet());
        assertThat(ids).containsAll(EXPECTED_INPUT_KEYS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formFiles")
    @DisplayName("is form-js JSON that Tasklist 7.24 renders, with id = file name")
    void isRenderableByTasklist(Path file) throws IOException {
        JsonNode form = read(file);

        assertThat(form.isObject()).as("top level is a JSON object").isTrue();
        assertThat(form.path("id").asText()).as("id").isEqualTo(formId(file));
        assertThat(form.path("type").asText()).as("type").isEqualTo("default");
        assertThat(form.path("schemaVersion").isInt()).as("schemaVersion is an integer").isTrue();
        assertThat(form.path("schemaVersion").asInt()).as("schemaVersion").isBetween(16, 18);
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
        assertThat(form.path("components").isArray()).as("components").isTrue();
        assertThat(form.path("components")).as("components").isNotEmpty();
    }

    /** An amount ($50), a count of credits (15 of 30), a month (1 December) or a time of day (17:00) in a text. */
    private static final Pattern RULE_VALUE = Pattern.compile(
            "\\$\\s*\\d|\\b\\d+(\\.\\d+)? of \\d+\\b"
                    + "|\\b(January|February|March|April|May|June|July|August|September|October|November|December)\\b"
                    + "|\\b\\d{1,2}:\\d{2}\\b");

    @ParameterizedTest(name = "{0}")
    @MethodSource("formFiles")
    @DisplayName("states no fee, credit count, date or time of the rules in its texts: those live in decisions/ (R5, R8, "
            + "R15, R20, R22)")
    void statesNoValueThatLivesInTheDecisionTables(Path file) throws IOException {
        // Analysts change fees and dates in the DMN tables without a rebuild; a form that repeated them would then
        // tell staff the old value. Values a form shows come from variables ({{invoiceTotal}}), set from the tables.
        List<String> texts = new ArrayList<>();
        for (JsonNode component : components(read(file))) {
            for (String field : List.of("text", "label", "description", "dateLabel")) {
                texts.add(component.path(field).asText(""));
            }
        }
        assertThat(texts).as("texts of %s", file.getFileName())
                .noneMatch(text -> RULE_VALUE.matcher(text).find());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formFiles")
    @DisplayName("uses no dynamic list or file picker, and only component types Tasklist renders")
    void usesOnlySupportedComponents(Path file) throws IOException {
        List<String> types = components(read(file)).stream().map(c -> c.path("type").asText()).toList();

        assertThat(types).as("forbidden component types").doesNotContainAnyElementsOf(FORBIDDEN_TYPES);
        assertThat(types).as("known component types")
                .allSatisfy(type -> assertThat(INPUT_TYPES.contains(type) || DISPLAY_TYPES.contains(type))
                        .as("component type '%s' is known to render in Tasklist 7.24", type)
                        .isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formFiles")
    @DisplayName("every component has a unique id; every input has a unique key and a label")
    void inputsHaveUniqueKeysAndLabels(Path file) throws IOException {
        JsonNode form = read(file);

        List<String> ids = components(form).stream().map(c -> c.path("id").asText("")).toList();
        assertThat(ids).as("component ids").doesNotContain("").doesNotHaveDuplicates();

        List<JsonNode> inputs = inputs(form);
        List<String> keys = inputs.stream().map(c -> c.path("key").asText("")).toList();
        assertThat(keys).as("input keys").doesNotContain("").doesNotHaveDuplicates();
        assertThat(inputs).allSatisfy(input -> assertThat(label(input))
                .as("label of input '%s'", input.path("key").asText())
                .isNotBlank());
    }

    // ---------------------------------------------------------------- the seven contracted forms

    static Stream<String> contractedForms() {
        return EXPECTED_INPUT_KEYS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractedForms")
    @DisplayName("submits exactly the contracted process variables")
    void submitsExactlyTheContractedKeys(String id) throws IOException {
        List<String> keys = inputs(form(id)).stream().map(c -> c.path("key").asText()).toList();

        assertThat(keys).containsExactlyInAnyOrderElementsOf(EXPECTED_INPUT_KEYS.get(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractedForms")
    @DisplayName("every input is required whenever it is shown")
    void everyShownInputIsRequired(String id) throws IOException {
        assertThat(inputs(form(id))).allSatisfy(input -> assertThat(input.path("validate").path("required").asBoolean())
                .as("%s.%s is required", id, input.path("key").asText())
                .isTrue());
    }

    @Test
    @DisplayName("certificant number and renewal year are validated the same way on every form that asks for them")
    void certificantNumberAndRenewalYearAreValidated() throws IOException {
        for (String id : EXPECTED_INPUT_KEYS.keySet()) {
            JsonNode form = form(id);
            Set<String> keys = inputs(form).stream().map(c -> c.path("key").asText()).collect(Collectors.toSet());
            if (keys.contains("certificantNumber")) {
                JsonNode number = input(form, "certificantNumber");
                assertThat(number.path("type").asText()).as(id).isEqualTo("textfield");
                assertThat(number.path("validate").path("pattern").asText()).as(id).isEqualTo("^[A-Za-z0-9-]{1,20}$");
            }
            if (keys.contains("renewalYear")) {
                JsonNode year = input(form, "renewalYear");
                assertThat(year.path("type").asText()).as(id).isEqualTo("number");
                assertThat(year.path("decimalDigits").asInt(-1)).as(id + " integer").isZero();
                assertThat(year.path("validate").path("min").asInt()).as(id).isEqualTo(2000);
                assertThat(year.path("validate").path("max").asInt()).as(id).isEqualTo(2200);
            }
        }
    }

    @Test
    @DisplayName("dates are date pickers and submit yyyy-MM-dd strings")
    void datesAreDatePickers() throws IOException {
        for (String[] formAndKey : new String[][] {{"startRenewalForm", "submittedOn"},
                {"recordCheckPaymentForm", "checkDate"}}) {
            JsonNode field = input(form(formAndKey[0]), formAndKey[1]);
            assertThat(field.path("type").asText()).isEqualTo("datetime");
            assertThat(field.path("subtype").asText()).isEqualTo("date");
        }
        assertThat(label(input(form("startRenewalForm"), "submittedOn"))).isEqualTo("Application received on");
        assertThat(label(input(form("recordCheckPaymentForm"), "checkDate"))).isEqualTo("Date written on the check");
    }

    @Test
    @DisplayName("R20: staff key when an e-mailed extension request arrived, a required local date and time")
    void extensionRequestCarriesWhenItArrived() throws IOException {
        JsonNode field = input(form("startExtensionForm"), "requestedAt");
        assertThat(field.path("type").asText()).isEqualTo("datetime");
        assertThat(field.path("subtype").asText()).isEqualTo("datetime");
        // no offset: ExtensionService reads it in the association's time zone, as extensionEligibility compares it
        assertThat(field.path("timeSerializingFormat").asText()).isEqualTo("no_timezone");
        assertThat(field.path("validate").path("required").asBoolean()).isTrue();
        assertThat(label(field)).isEqualTo("Request received on");
    }

    @Test
    @DisplayName("the check is recorded with a bounded number and a positive amount in cents")
    void checkFieldsAreBounded() throws IOException {
        JsonNode form = form("recordCheckPaymentForm");
        assertThat(input(form, "checkNumber").path("validate").path("maxLength").asInt()).isEqualTo(30);
        JsonNode amount = input(form, "checkAmount");
        assertThat(amount.path("type").asText()).isEqualTo("number");
        assertThat(amount.path("decimalDigits").asInt()).isEqualTo(2);
        assertThat(amount.path("validate").path("min").decimalValue()).isEqualByComparingTo("0.01");
    }

    @Test
    @DisplayName("the review offers exactly the outcomes the process branches on, and asks for a message only when needed")
    void reviewOutcomes() throws IOException {
        JsonNode form = form("reviewApplicationForm");
        JsonNode outcome = input(form, "reviewOutcome");
        assertThat(outcome.path("type").asText()).isEqualTo("radio");
        assertThat(values(outcome)).containsExactly("APPROVE", "REQUEST_CHANGES", "REJECT");

        JsonNode message = input(form, "reviewMessage");
        assertThat(message.path("type").asText()).isEqualTo("textarea");
        assertThat(message.path("validate").path("maxLength").asInt()).isEqualTo(2000);
        assertThat(message.path("conditional").path("hide").asText())
                .startsWith("=")
                .contains("reviewOutcome = null")
                .contains("\"APPROVE\"");
    }

    @Test
    @DisplayName("the extension audit grants or refuses, and asks for a reason only on refusal")
    void auditOutcomes() throws IOException {
        JsonNode form = form("auditExtensionForm");
        JsonNode outcome = input(form, "auditOutcome");
        assertThat(outcome.path("type").asText()).isEqualTo("radio");
        assertThat(values(outcome)).containsExactly("APPROVE", "REFUSE");

        JsonNode reason = input(form, "auditReason");
        assertThat(reason.path("type").asText()).isEqualTo("textarea");
        assertThat(reason.path("conditional").path("hide").asText())
                .startsWith("=")
                .contains("auditOutcome = null")
                .contains("\"REFUSE\"");
    }

    @Test
    @DisplayName("review and audit show the server-prepared summary and activity list")
    void reviewAndAuditShowPreparedMarkdown() throws IOException {
        for (String id : List.of("reviewApplicationForm", "auditExtensionForm")) {
            String texts = components(form(id)).stream()
                    .filter(c -> "text".equals(c.path("type").asText()))
                    .map(c -> c.path("text").asText())
                    .collect(Collectors.joining("\n"));
            assertThat(texts).as(id)
                    .contains("certificantName", "certificantNumber", "renewalYear", "creditSummary",
                            "ceActivitiesMarkdown");
        }
    }

    private static List<String> values(JsonNode choice) {
        List<String> values = new ArrayList<>();
        choice.path("values").forEach(v -> values.add(v.path("value").asText()));
        return values;
    }

    // ---------------------------------------------------------------- BPMN references

    private static final Pattern FORM_REF = Pattern.compile("camunda:formRef\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern FORM_KEY =
            Pattern.compile("camunda:formKey\\s*=\\s*\"camunda-forms:(?:deployment|app):(?:[^\"]*/)?([^\"/]+)\\.form\"");

    @Test
    @DisplayName("every camunda:formRef in processes/*.bpmn names an existing form")
    void everyFormReferenceResolves() throws IOException {
        Set<String> formIds = new TreeSet<>();
        for (Path file : formFiles()) {
            formIds.add(read(file).path("id").asText());
        }

        Map<String, Set<String>> referencesByProcess = new LinkedHashMap<>();
        assertThat(PROCESSES).as("the processes folder").isDirectory();
        List<Path> bpmnFiles;
        try (Stream<Path> files = Files.list(PROCESSES)) {
            bpmnFiles = files.filter(p -> p.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
        for (Path bpmn : bpmnFiles) {
            String xml = Files.readString(bpmn, StandardCharsets.UTF_8);
            Set<String> refs = new LinkedHashSet<>();
            for (Pattern pattern : List.of(FORM_REF, FORM_KEY)) {
                Matcher matcher = pattern.matcher(xml);
                while (matcher.find()) {
                    refs.add(matcher.group(1));
                }
            }
            referencesByProcess.put(bpmn.getFileName().toString(), refs);
        }

        assertThat(referencesByProcess.values().stream().mapToInt(Set::size).sum())
                .as("form references found in %s", referencesByProcess.keySet()).isPositive();
        referencesByProcess.forEach((bpmn, refs) -> assertThat(formIds)
                .as("forms referenced by %s", bpmn)
                .containsAll(refs));
    }
}
