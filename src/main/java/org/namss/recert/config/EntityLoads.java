package org.namss.recert.config;

import jakarta.persistence.AttributeNode;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Loads an entity by id together with the collections its named entity graph lists, in one statement; or, when the
 * transaction already holds the entity, takes it from there without any statement. The certificant and the invoice
 * are loaded this way for every e-mail, delegate and task form, about 15 times per renewal (docs/performance.md,
 * thirteenth and fourteenth sessions).
 *
 * <p>Not through {@code find} with the graph as a load hint: Hibernate 6 builds a new loader (SQL AST, SQL, result
 * mapping) for every {@code find} that carries a graph, which a profile of the season found in 4 % of the
 * application's CPU. Instead the transaction's own copy is looked up first, as {@code find} does, and only when it has
 * none a JPQL query with a {@code left join fetch} per attribute of the graph runs, whose plan Hibernate keeps in its
 * query plan cache.
 */
public final class EntityLoads {

  /** What a graph joins in, and the query that does it, per entity type and graph name: built once. */
  private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

  private record Plan(List<String> attributes, String query) {}

  private EntityLoads() {}

  /**
   * @param graph the name of a {@code @NamedEntityGraph} of {@code type}; what it lists is joined in, everything else
   *     loads as mapped
   */
  public static <T> Optional<T> find(EntityManager entityManager, Class<T> type, Object id, String graph) {
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    Plan plan = PLANS.computeIfAbsent(type.getName() + "#" + graph, key -> plan(entityManager, persister, type, graph));
    Object held = session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister));
    if (held != null) {
      EntityEntry entry = session.getPersistenceContextInternal().getEntry(held);
      if (entry != null && (entry.getStatus() == Status.DELETED || entry.getStatus() == Status.GONE)) {
        return Optional.empty(); // removed in this transaction: find does not return it either
      }
      for (String attribute : plan.attributes()) {
        Hibernate.initialize(persister.getPropertyValue(held, attribute));
      }
      return Optional.of(type.cast(held));
    }
    return entityManager.createQuery(plan.query(), type).setParameter("id", id).getResultList().stream().findFirst();
  }

  private static Plan plan(EntityManager entityManager, EntityPersister persister, Class<?> type, String graph) {
    EntityGraph<?> entityGraph;
    try {
      entityGraph = entityManager.getEntityGraph(graph);
    } catch (IllegalArgumentException e) {
      // a mistake in the code, not in the caller's input: callers treat IllegalArgumentException as bad input
      throw new IllegalStateException("No entity graph " + graph + " is declared on " + type.getSimpleName(), e);
    }
    List<String> attributes = entityGraph.getAttributeNodes().stream().map(AttributeNode::getAttributeName).toList();
    String joins = attributes.stream().map(attribute -> " left join fetch e." + attribute)
        .collect(Collectors.joining());
    String entity = entityManager.getMetamodel().entity(type).getName();
    return new Plan(attributes,
        "select e from " + entity + " e" + joins + " where e." + persister.getIdentifierPropertyName() + " = :id");
  }
}
