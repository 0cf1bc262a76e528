package org.namss.recert.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.namss.recert.renewal.RenewalVariables;
import org.namss.recert.security.CertificantIdentityProvider;
import org.namss.recert.security.IdentitySetup;
import org.namss.recert.security.ProfileNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Engine-level set-up that must happen before anyone can use the engine: ids, models and identities. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  /**
   * Time-ordered ids for the engine's rows (in place of the starter's {@code StrongUuidGenerator}): new rows land at
   * the end of the tables' and indexes' B-trees instead of on random pages (docs/performance.md).
   */
  @Bean
  IdGenerator timeOrderedIdGenerator() {
    return new TimeOrderedIdGenerator();
  }

  /**
   * History level full, without a row per variable change (recert.history.variable-details, off by default): the
   * engine then writes history through {@link HistoryWithoutVariableDetails} in place of its default database
   * writer, which keeps no history of the renewal's working variables either (recert.history.working-variables, off
   * by default; {@link RenewalVariables#WORKING}). As with the default writer, it comes after the handlers other
   * plugins add (the starter's event publisher).
   */
  @Bean
  ProcessEnginePlugin historyWithoutVariableDetails(RecertProperties properties) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (properties.history().variableDetails()) {
          return;
        }
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
          handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new HistoryWithoutVariableDetails(
            properties.history().workingVariables() ? Set.of() : RenewalVariables.WORKING));
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(handlers);
      }
    };
  }

  /** Decision history with date inputs as ISO-8601 text, readable in Cockpit ({@link ReadableDecisionHistory}). */
  @Bean
  ProcessEnginePlugin readableDecisionHistory() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDmnHistoryEventProducer(new ReadableDecisionHistory());
      }
    };
  }

  /** Job acquisition by due date: no job left without a due date ({@link JobAcquisitionByDueDate}). */
  @Bean
  ProcessEnginePlugin jobAcquisitionByDueDate() {
    return new JobAcquisitionByDueDate();
  }

  /**
   * A job failing for good (a {@link NonRetryable} failure: Credly refusing the token or the request, an SMTP server
   * refusing the recipient) is an incident at once instead of after its model's retry cycle
   * ({@link NonRetryableJobFailures}).
   */
  @Bean
  ProcessEnginePlugin nonRetryableJobFailures() {
    return new NonRetryableJobFailures();
  }

  /** The indexes the engine's queries need and its schema lacks ({@link EngineIndexes}). */
  @Bean
  ProcessEnginePlugin engineIndexes() {
    return new EngineIndexes();
  }

  /**
   * The engine's database user store with one limit: a certificant cannot change the e-mail address that links
   * their account to a certificant ({@link CertificantIdentityProvider}, R2); and one addition: a certificant
   * account's name change reaches the certificant's record ({@link ProfileNames}, R24). It replaces the engine's
   * default {@code DbIdentityServiceProvider}, for the engine REST API, the webapps and the application alike. The
   * names' bean is looked up when a user is saved, not when the engine is built (it needs JPA, built beside it).
   */
  @Bean
  ProcessEnginePlugin certificantIdentityProvider(ObjectProvider<ProfileNames> names) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(
            new GenericManagerFactory(CertificantIdentityProvider.class) {
              @Override
              public Session openSession() {
                return new CertificantIdentityProvider(names::getIfAvailable);
              }
            });
      }
    };
  }

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
