package org.namss.recert.config;

import jakarta.persistence.AttributeNode;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Loads an entity by id together with the collections its named entity graph lists, in one statement; or, when the
 * transaction already holds the entity, takes it from there without any statement, as {@code find} does. The
 * certificant and the invoice are loaded this way for every e-mail, delegate and task form, about 15 times per renewal
 * (docs/performance-history.md, thirteenth and fourteenth sessions). Call it within a transaction.
 *
 * <p>Not through {@code find} with the graph as a load hint: Hibernate 6 builds a new loader (SQL AST, SQL, result
 * mapping) for every {@code find} that carries a graph, which a profile of the season found in 4 % of the
 * application's CPU. Instead the transaction's own copy is looked up first, as {@code find} does, and only when it has
 * none a JPQL query with a {@code left join fetch} per attribute of the graph runs, whose plan Hibernate keeps in its
 * query plan cache. Like {@code find}, the query does not flush the transaction's changes first: the transaction
 * does not hold the entity it loads. A graph may list attributes of the entity, not subgraphs.
 */
public final class EntityLoads {

  /** What a graph joins in, and the query that does it, per entity type and graph name: built once. */
  private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

  private record Plan(List<String> attributes, String query) {}

  private EntityLoads() {}

  /**
   * @param id the entity's id, of its id type; {@code IllegalArgumentException} for none or another type, as
   *     {@code find} throws
   * @param graph the name of a {@code @NamedEntityGraph} of {@code type}; what it lists is joined in, everything else
   *     loads as mapped
   */
  public static <T> Optional<T> find(EntityManager entityManager, Class<T> type, Object id, String graph) {
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    Class<?> idType = persister.getIdentifierMapping().getJavaType().getJavaTypeClass();
    if (!idType.isInstance(id)) {
      throw new IllegalArgumentException("The id of a " + type.getSimpleName() + " is a " + idType.getSimpleName()
          + ", not " + (id == null ? "null" : "the " + id.getClass().getSimpleName() + " " + id));
    }
    Plan plan = PLANS.computeIfAbsent(type.getName() + "#" + graph, key -> plan(entityManager, persister, type, graph));
    PersistenceContext held = session.getPersistenceContextInternal();
    EntityKey key = session.generateEntityKey(id, persister);
    if (held.getProxy(key) != null) {
      // the transaction handed out a proxy of it before: find returns that proxy, loaded (rare; not one statement)
      return Optional.ofNullable(entityManager.find(type, id)).map(found -> withGraph(persister, plan, found));
    }
    Object entity = held.getEntity(key);
    if (entity != null) {
      EntityEntry entry = held.getEntry(entity);
      if (entry != null && (entry.getStatus() == Status.DELETED || entry.getStatus() == Status.GONE)) {
        return Optional.empty(); // removed in this transaction: find does not return it either
      }
      return Optional.of(withGraph(persister, plan, type.cast(entity)));
    }
    return entityManager.createQuery(plan.query(), type).setParameter("id", id).setFlushMode(FlushModeType.COMMIT)
        .getResultList().stream().findFirst();
  }

  /** The entity with the graph's collections loaded, if the transaction held it without them. */
  private static <T> T withGraph(EntityPersister persister, Plan plan, T entity) {
    Object loaded = Hibernate.unproxy(entity);
    for (String attribute : plan.attributes()) {
      Hibernate.initialize(persister.getPropertyValue(loaded, attribute));
    }
    return entity;
  }

  private static Plan plan(EntityManager entityManager, EntityPersister persister, Class<?> type, String graph) {
    // a mistake in the code, not in the caller's input: callers treat IllegalArgumentException as bad input
    EntityGraph<?> entityGraph = entityManager.getEntityGraphs(type).stream()
        .filter(declared -> graph.equals(declared.getName())).findFirst()
        .orElseThrow(() -> new IllegalStateException("No entity graph " + graph + " is declared on "
            + type.getSimpleName()));
    if (entityGraph.getAttributeNodes().stream().anyMatch(node -> !node.getSubgraphs().isEmpty())) {
      throw new IllegalStateException("The entity graph " + graph + " has subgraphs, which EntityLoads does not load");
    }
    List<String> attributes = entityGraph.getAttributeNodes().stream().map(AttributeNode::getAttributeName).toList();
    String joins = attributes.stream().map(attribute -> " left join fetch e." + attribute)
        .collect(Collectors.joining());
    String entity = entityManager.getMetamodel().entity(type).getName();
    return new Plan(attributes,
        "select e from " + entity + " e" + joins + " where e." + persister.getIdentifierPropertyName() + " = :id");
  }
}
