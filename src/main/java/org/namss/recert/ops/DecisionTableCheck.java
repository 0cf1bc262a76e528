package org.namss.recert.ops;

import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.namss.recert.rules.DecisionDeployments;
import org.namss.recert.rules.DecisionTableAnswers;

/**
 * Refuses a DMN resource whose decision tables would only fail later, at evaluation: the engine's own transform
 * errors (a rule with a missing input or output entry, a missing history time to live, ...), FEEL that does
 * not parse in an input expression, an input entry (unary tests) or an output entry, and any expression in
 * another language than FEEL (which could run code, {@link #onlyFeel}).
 *
 * <p>The engine itself parses FEEL only when a rule is evaluated, so without this check a typo in a table an
 * analyst deploys would be accepted and break the next renewal that reaches the decision. Runs before the
 * engine's deployers, only for new deployments (from Camunda Modeler, the REST API or {@code ModelDeployer});
 * a refusal rolls the whole deployment back and the previous version keeps serving. The message names the
 * resource, the rule and the column, and quotes the engine's or the FEEL parser's own words.
 *
 * <p>A table that parses is then asked every question the product asks it ({@link DecisionTableAnswers}: fee
 * schedule, credit requirement, review deadlines, renewal calendar, certification cycle), from the deployment's own
 * bytes; a table that answers nothing, several answers where one is expected, a value of the wrong type, no
 * recertification fee, a non-positive amount or dates out of order is refused too, naming the question.
 */
class DecisionTableCheck implements Deployer {

  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      if (DecisionDeployments.isDecisionFile(name)) {
        check(name, resource.getBytes());
      }
    }
  }

  void check(String resourceName, byte[] content) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      throw refused(resourceName, List.of("not a valid DMN file: " + DecisionTableAnswers.messages(e)));
    }
    List<String> problems = new ArrayList<>();
    onlyFeel(model, problems);
    DefaultDmnEngineConfiguration dmn = dmnConfiguration();
    if (dmn != null) {
      try {
        dmn.getTransformer().createTransform().modelInstance(model).transformDecisionRequirementsGraph();
      } catch (RuntimeException e) {
        problems.add(DecisionTableAnswers.messages(e));
      }
    }
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      checkFeel(table, dmn, problems);
    }
    if (problems.isEmpty()) {
      checkAnswers(model, dmn, problems);
    }
    if (!problems.isEmpty()) {
      throw refused(resourceName, problems);
    }
  }

  /**
   * Asks the tables of this file (the new version, not the deployed one) every question the product asks them
   * ({@link DecisionTableAnswers}): a table that parses but answers no, several or unusable answers is refused.
   */
  private static void checkAnswers(DmnModelInstance model, DefaultDmnEngineConfiguration dmn, List<String> problems) {
    boolean asked = model.getModelElementsByType(Decision.class).stream()
        .anyMatch(decision -> DecisionTableAnswers.CHECKED.contains(decision.getId()));
    if (!asked) {
      return;
    }
    DmnEngine engine = DecisionTableAnswers.engineLike(dmn);
    List<DmnDecision> decisions;
    try {
      decisions = engine.parseDecisions(model);
    } catch (RuntimeException e) {
      problems.add(DecisionTableAnswers.messages(e));
      return;
    }
    DecisionTableAnswers answers = new DecisionTableAnswers(engine,
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear());
    for (DmnDecision decision : decisions) {
      if (DecisionTableAnswers.CHECKED.contains(decision.getKey())) {
        problems.addAll(answers.problems(decision));
      }
    }
  }

  private void checkFeel(DecisionTable table, DefaultDmnEngineConfiguration dmn, List<String> problems) {
    String decision = table.getParentElement() == null ? "?" : table.getParentElement().getAttributeValue("id");
    List<Input> inputs = new ArrayList<>(table.getInputs());
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    for (Input input : inputs) {
      if (input.getInputExpression() != null && input.getInputExpression().getText() != null
          && isFeel(input.getInputExpression().getExpressionLanguage(),
              dmn == null ? null : dmn.getDefaultInputExpressionExpressionLanguage())) {
        String text = input.getInputExpression().getText().getTextContent();
        check(feel.parseExpression(text.strip()), text,
            "decision '" + decision + "', input expression of '" + label(input.getLabel(), input.getId()) + "'",
            problems);
      }
    }
    int row = 0;
    for (Rule rule : table.getRules()) {
      row++;
      String where = "decision '" + decision + "', rule " + row + " ('" + rule.getId() + "')";
      List<InputEntry> inputEntries = new ArrayList<>(rule.getInputEntries());
      List<OutputEntry> outputEntries = new ArrayList<>(rule.getOutputEntries());
      if (inputEntries.size() != inputs.size()) {
        problems.add(where + " has " + inputEntries.size() + " input entries for " + inputs.size() + " inputs");
      }
      if (outputEntries.size() != outputs.size()) {
        problems.add(where + " has " + outputEntries.size() + " output entries for " + outputs.size()
            + " outputs");
      }
      for (int i = 0; i < inputEntries.size(); i++) {
        InputEntry entry = inputEntries.get(i);
        String text = entry.getText() == null ? null : entry.getText().getTextContent();
        if (text != null && !text.isBlank() && isFeel(entry.getExpressionLanguage(),
            dmn == null ? null : dmn.getDefaultInputEntryExpressionLanguage())) {
          String column = i < inputs.size() ? label(inputs.get(i).getLabel(), inputs.get(i).getId()) : "#" + (i + 1);
          check(feel.parseUnaryTests(text.strip()), text, where + ", input '" + column + "'", problems);
        }
      }
      for (int i = 0; i < outputEntries.size(); i++) {
        OutputEntry entry = outputEntries.get(i);
        String text = entry.getText() == null ? null : entry.getText().getTextContent();
        if (text != null && !text.isBlank() && isFeel(entry.getExpressionLanguage(),
            dmn == null ? null : dmn.getDefaultOutputEntryExpressionLanguage())) {
          String column = i < outputs.size() ? label(outputs.get(i).getLabel(), outputs.get(i).getName())
              : "#" + (i + 1);
          check(feel.parseExpression(text.strip()), text, where + ", output '" + column + "'", problems);
        }
      }
    }
  }

  /**
   * Only FEEL: an expression in another language (JUEL, a script language) runs with the engine's rights and can
   * call any Spring bean, so an account allowed to deploy and evaluate decisions (analysts) could run code with it.
   * The product's tables are FEEL; an element that names another language is refused, wherever it is.
   */
  private static void onlyFeel(DmnModelInstance model, List<String> problems) {
    List<String> where = new ArrayList<>();
    Definitions definitions = model.getDefinitions();
    if (definitions != null && notFeel(definitions.getExpressionLanguage())) {
      where.add("the definitions ('" + definitions.getExpressionLanguage() + "')");
    }
    for (LiteralExpression expression : model.getModelElementsByType(LiteralExpression.class)) {
      if (notFeel(expression.getExpressionLanguage())) {
        where.add("'" + expression.getId() + "' ('" + expression.getExpressionLanguage() + "')");
      }
    }
    for (UnaryTests tests : model.getModelElementsByType(UnaryTests.class)) {
      if (notFeel(tests.getExpressionLanguage())) {
        where.add("'" + tests.getId() + "' ('" + tests.getExpressionLanguage() + "')");
      }
    }
    if (!where.isEmpty()) {
      problems.add("only FEEL is accepted as expression language, not in " + String.join(", ", where)
          + ": remove the expressionLanguage attribute or set it to FEEL");
    }
  }

  private static boolean notFeel(String language) {
    return language != null && !language.isBlank() && !isFeel(language, null);
  }

  private static void check(ParseResult result, String text, String where, List<String> problems) {
    if (result.isFailure()) {
      problems.add(where + ": FEEL does not parse [" + text.strip() + "]: " + result.failure().message());
    }
  }

  private static boolean isFeel(String language, String defaultLanguage) {
    String effective = language == null || language.isBlank() ? defaultLanguage : language;
    if (effective == null) {
      return true; // the engine's defaults are FEEL since 7.13
    }
    String lower = effective.toLowerCase(Locale.ROOT);
    return lower.equals("feel") || lower.contains("/feel") || lower.contains("feel/");
  }

  private static String label(String label, String fallback) {
    return label == null || label.isBlank() ? fallback : label;
  }

  private static DefaultDmnEngineConfiguration dmnConfiguration() {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    return configuration == null ? null : configuration.getDmnEngineConfiguration();
  }

  /** A BadUserRequestException: the engine's REST API answers it with 400 and this message. */
  private static BadUserRequestException refused(String resourceName, List<String> problems) {
    return new BadUserRequestException("Decision table check refused '" + resourceName + "' (nothing was deployed, "
        + "the previous version stays in use): " + String.join("; ", problems));
  }
}
