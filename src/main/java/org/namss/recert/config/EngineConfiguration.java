package org.namss.recert.config;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.namss.recert.security.IdentitySetup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Engine-level set-up that must happen before anyone can use the engine: models and identities. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  /** Deploys the models and creates groups, authorizations and filters as soon as the engine is built. */
  @Bean
  @Order(100)
  ProcessEnginePlugin recertificationEngineSetup(RecertProperties properties) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        var adminGroups = new ArrayList<String>();
        if (configuration.getAdminGroups() != null) {
          adminGroups.addAll(configuration.getAdminGroups());
        }
        if (!adminGroups.contains(IdentitySetup.ADMIN_GROUP)) {
          adminGroups.add(IdentitySetup.ADMIN_GROUP);
        }
        configuration.setAdminGroups(adminGroups);
      }

      @Override
      public void postProcessEngineBuild(ProcessEngine engine) {
        new ModelDeployer(engine.getRepositoryService(), properties.models().directory()).deploy();
        new IdentitySetup(engine, properties.admin()).run();
      }
    };
  }
}
