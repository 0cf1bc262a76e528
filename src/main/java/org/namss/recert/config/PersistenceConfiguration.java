package org.namss.recert.config;

import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Start-up: Hibernate builds its entity manager factory on a thread of its own while the main thread builds the
 * process engine (both take seconds, and start-up otherwise uses one core). Anything that needs JPA before it is
 * ready waits for it; the repositories are created once the context is refreshed
 * ({@code spring.data.jpa.repositories.bootstrap-mode: deferred}). Measured in docs/performance.md.
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

  @Bean
  EntityManagerFactoryBuilderCustomizer backgroundJpaBootstrap() {
    return builder -> builder.setBootstrapExecutor(new SimpleAsyncTaskExecutor("jpa-bootstrap-"));
  }
}
