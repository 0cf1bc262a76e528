package org.namss.recert.ops;

import java.time.Duration;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.namss.recert.badge.CredlyProperties;
import org.namss.recert.notification.Notifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * What operations and analysts rely on when the product runs for real: a safety net for decision tables deployed
 * without a code change, health indicators (engine, SMTP, Credly; the database one is Spring Boot's) and the
 * engine's metrics for Prometheus. See docs/operations.md and docs/analysts.md.
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

  /**
   * Before the engine deploys anything: an authenticated user who is not an administrator deploys DMN files only
   * ({@link DecisionsOnlyDeployments}); every new DMN resource is checked ({@link DecisionTableCheck}).
   */
  @Bean
  ProcessEnginePlugin decisionTableCheckPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        var preDeployers = new ArrayList<Deployer>();
        if (configuration.getCustomPreDeployers() != null) {
          preDeployers.addAll(configuration.getCustomPreDeployers());
        }
        preDeployers.add(new DecisionsOnlyDeployments());
        preDeployers.add(new DecisionTableCheck());
        configuration.setCustomPreDeployers(preDeployers);
      }
    };
  }

  @Bean
  EngineHealthIndicator engineHealthIndicator(ProcessEngine engine, Environment environment) {
    return new EngineHealthIndicator(engine,
        environment.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true));
  }

  /** Component {@code smtp}, probed at most once per {@code recert.health.peer-probe-interval}. */
  @Bean
  PeerProbeCache smtpHealthIndicator(Notifier notifier, ObjectProvider<JavaMailSender> mailSender,
      @Value("${recert.health.peer-probe-interval}") Duration interval) {
    return new PeerProbeCache(new SmtpHealthIndicator(notifier::smtpConfigured, mailSender::getIfAvailable),
        interval);
  }

  /** Component {@code credly}, probed at most once per {@code recert.health.peer-probe-interval}. */
  @Bean
  PeerProbeCache credlyHealthIndicator(CredlyProperties credly,
      @Value("${recert.health.peer-probe-interval}") Duration interval) {
    return new PeerProbeCache(new CredlyHealthIndicator(credly), interval);
  }

  /** Warns at start when PostgreSQL's autovacuum is off ({@link DatabaseMaintenance}). */
  @Bean
  DatabaseMaintenance databaseMaintenance(DataSource dataSource) {
    return new DatabaseMaintenance(dataSource);
  }

  @Bean
  EngineMetrics engineMetrics(ProcessEngine engine) {
    return new EngineMetrics(engine);
  }
}
