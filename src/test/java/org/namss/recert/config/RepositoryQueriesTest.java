package org.namss.recert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.util.ClassUtils;

/**
 * Every query method of our repositories states its JPQL. Spring Data JPA 3.5 turns a derived method
 * ({@code findByDedupKey}) into a criteria query on each call, and Hibernate 6.6 interprets a criteria query anew
 * every time (its query plan cache holds only JPQL strings): in the season benchmark's profile that was 6 % of the
 * job threads' time, most of it the e-mail de-duplication look-up (docs/performance.md).
 */
class RepositoryQueriesTest {

  @Test
  void everyQueryMethodOfOurRepositoriesHasItsJpql() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
        return definition.getMetadata().isInterface();
      }
    };
    scanner.addIncludeFilter(new AssignableTypeFilter(Repository.class));

    List<String> repositories = new ArrayList<>();
    List<String> derived = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.namss.recert")) {
      Class<?> repository = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
      repositories.add(repository.getSimpleName());
      for (Method method : repository.getDeclaredMethods()) {
        if (!method.isDefault() && !method.isAnnotationPresent(Query.class)) {
          derived.add(repository.getSimpleName() + "." + method.getName());
        }
      }
    }

    assertThat(repositories).contains("MailMessageRepository", "RenewalCaseRepository", "CertificantRepository");
    assertThat(derived).as("query methods without @Query (derived, interpreted anew on every call)").isEmpty();
  }
}
