package org.namss.recert.config;

import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import org.hibernate.jpa.SpecHints;

/**
 * Loads an entity by id together with the collections its named entity graph lists, in one statement; or, when the
 * transaction already holds the entity, takes it from there without any statement (as {@code findById} does and a
 * JPQL query with {@code join fetch} does not: the query always runs). The certificant and the invoice are loaded this
 * way for every e-mail, delegate and task form, about 15 times per renewal (docs/performance.md, thirteenth session).
 */
public final class EntityLoads {

  private EntityLoads() {}

  /**
   * @param graph the name of a {@code @NamedEntityGraph} of {@code type}; what it lists is joined in, everything else
   *     loads as mapped
   */
  public static <T> Optional<T> find(EntityManager entityManager, Class<T> type, Object id, String graph) {
    EntityGraph<?> entityGraph;
    try {
      entityGraph = entityManager.getEntityGraph(graph);
    } catch (IllegalArgumentException e) {
      // a mistake in the code, not in the caller's input: callers treat IllegalArgumentException as bad input
      throw new IllegalStateException("No entity graph " + graph + " is declared on " + type.getSimpleName(), e);
    }
    return Optional.ofNullable(entityManager.find(type, id, Map.of(SpecHints.HINT_SPEC_LOAD_GRAPH, entityGraph)));
  }
}
