package org.namss.recert.rules;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/** DMN engines of the product's own, beside the process engine's. */
final class DmnEngines {

  private DmnEngines() {}

  /**
   * A configuration that evaluates as the process engine's DMN engine does (its FEEL engine, expression languages
   * and settings) but with none of its listeners (history, metrics): the caller adds what it needs and builds it.
   */
  static DefaultDmnEngineConfiguration like(DefaultDmnEngineConfiguration engines) {
    DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
    configuration.feelEngineFactory(engines::getFeelEngine)
        .elProvider(engines.getElProvider())
        .scriptEngineResolver(engines.getScriptEngineResolver())
        .defaultInputExpressionExpressionLanguage(engines.getDefaultInputExpressionExpressionLanguage())
        .defaultInputEntryExpressionLanguage(engines.getDefaultInputEntryExpressionLanguage())
        .defaultOutputEntryExpressionLanguage(engines.getDefaultOutputEntryExpressionLanguage())
        .defaultLiteralExpressionLanguage(engines.getDefaultLiteralExpressionLanguage())
        .enableFeelLegacyBehavior(engines.isEnableFeelLegacyBehavior())
        .setReturnBlankTableOutputAsNull(engines.isReturnBlankTableOutputAsNull());
    return configuration;
  }
}
