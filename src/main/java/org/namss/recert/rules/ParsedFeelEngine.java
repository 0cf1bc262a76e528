package org.namss.recert.rules;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine (the Scala one, same value mappers and functions) that parses each expression once.
 * <p>
 * Camunda 7's {@link ScalaFeelEngine} hands the expression text to feel-scala on every evaluation, which parses it
 * again: profiling our tables showed four fifths of an evaluation spent in the FEEL parser. Here the parsed
 * expression (immutable) is kept per text and only evaluated. The texts are those of the deployed tables, so the
 * cache stays small; it is emptied if it ever holds more than {@value #MAX_EXPRESSIONS} of either kind.
 */
public class ParsedFeelEngine extends ScalaFeelEngine {

  static final int MAX_EXPRESSIONS = 10_000;

  private final ConcurrentMap<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

  public ParsedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  /**
   * Makes this the FEEL engine of a process engine's decisions (with its custom functions), before the engine is
   * built.
   */
  public static void use(ProcessEngineConfigurationImpl engine) {
    if (engine.isDmnFeelEnableLegacyBehavior()) {
      return; // the engine's legacy (JUEL-based) FEEL was asked for explicitly: leave it
    }
    DefaultDmnEngineConfiguration dmn = engine.getDmnEngineConfiguration() != null
        ? engine.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(new Factory(dmn));
    engine.setDmnEngineConfiguration(dmn);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variableContext);
      }
    };
    return (T) valueOf(feelEngine.eval(parsed, context));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable,
      VariableContext variableContext) {
    ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
    StaticVariableProvider input = new StaticVariableProvider(
        new Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new CompositeVariableProvider(toScalaList(input, variables));
      }
    };
    return BoxesRunTime.unboxToBoolean(valueOf(feelEngine.eval(parsed, context)));
  }

  private static ParsedExpression parsed(ConcurrentMap<String, ParsedExpression> cache, String expression,
      Function<String, Either<Failure, ParsedExpression>> parser) {
    ParsedExpression parsed = cache.get(expression);
    if (parsed != null) {
      return parsed;
    }
    parsed = (ParsedExpression) valueOf(parser.apply(expression)); // a failure is raised, never kept
    if (cache.size() >= MAX_EXPRESSIONS) {
      cache.clear();
    }
    cache.put(expression, parsed);
    return parsed;
  }

  /** The value of a result, or the engine's evaluation exception with feel-scala's message. */
  private static Object valueOf(Either<Failure, ?> result) {
    if (result instanceof Right<Failure, ?> right) {
      return right.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, ?>) result).value().message());
  }

  private record Factory(DefaultDmnEngineConfiguration configuration) implements FeelEngineFactory {
    @Override
    public FeelEngine createInstance() {
      return new ParsedFeelEngine(configuration.getFeelCustomFunctionProviders());
    }
  }
}
