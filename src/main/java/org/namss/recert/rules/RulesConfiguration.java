package org.namss.recert.rules;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.namss.recert.config.RecertProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decisions the Java code asks: latest versions, followed across deployments. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

  @Bean
  DecisionDeployments decisionDeployments() {
    return new DecisionDeployments();
  }

  /**
   * FEEL expressions parsed once ({@link ParsedFeelEngine}), for the business-rule tasks as for the Java code; and
   * {@link LatestDecisions} told about every deployment with a decision table made on this node.
   */
  @Bean
  ProcessEnginePlugin decisionEnginePlugin(DecisionDeployments deployments) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        ParsedFeelEngine.use(configuration);

        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPostDeployers() != null) {
          deployers.addAll(configuration.getCustomPostDeployers());
        }
        deployers.add(deployments);
        configuration.setCustomPostDeployers(deployers);
      }
    };
  }

  /**
   * renewalCalendar's dates for the tables that read them, where the engine evaluates them: the business-rule tasks
   * of every process-definition version, and the engine REST API ({@link CalendarDecisionInputs}).
   */
  @Bean
  ProcessEnginePlugin calendarDecisionInputs(ObjectProvider<DecisionRules> rules) {
    return new CalendarDecisionInputs(rules::getObject);
  }

  @Bean
  LatestDecisions latestDecisions(ProcessEngine engine, DecisionDeployments deployments,
      RecertProperties properties) {
    return new LatestDecisions(engine, deployments, properties.rules().refresh(),
        properties.rules().resultsKept());
  }
}
