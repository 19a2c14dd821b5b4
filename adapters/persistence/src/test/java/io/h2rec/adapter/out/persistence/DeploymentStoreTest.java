package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RoutedVersion;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Aliases, deployments and their change log against a real PostgreSQL (V22). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeploymentStoreTest {
    @Inject
    HibernateDeploymentStore store;
    @Inject
    EntityManager em;
    @Inject
    HibernateItemCatalog catalog;
    @Inject
    HibernateExperimentStore experiments;
    @Inject
    HibernateModelVersionStore versions;

    private ModelVersion[] versions(String name, int n) {
        return VersionRows.register(catalog, experiments, versions, name, n).toArray(ModelVersion[]::new);
    }

    @Test
    void aliasesMoveAndEveryMoveIsLogged() {
        ModelVersion[] v = versions("alias-moves", 2);
        assertEquals(v[0].id(), store.setAlias("champion", v[0].id(), "alice").modelVersionId());
        assertEquals(v[1].id(), store.setAlias("champion", v[1].id(), "bob").modelVersionId());
        assertEquals("bob", store.alias("champion").orElseThrow().updatedBy());
        assertThrows(NotFoundException.class, () -> store.setAlias("champion", 987_654_321L, "bob"));
        assertThrows(InvalidInputException.class, () -> store.setAlias("Champion!", v[0].id(), "bob"));
        List<DeploymentChange> log = store.changes(2);
        assertEquals("alias champion", log.get(0).subject());
        assertEquals("model version " + v[1].id() + " (was " + v[0].id() + ")", log.get(0).change());
        assertEquals("bob", log.get(0).actor());
        assertEquals("model version " + v[0].id() + " (new)", log.get(1).change());
    }

    @Test
    void aDeploymentResolvesItsAliasesAndProtectsThem() {
        ModelVersion[] v = versions("deploy-resolve", 2);
        store.setAlias("blue", v[0].id(), "alice");
        store.setAlias("green", v[1].id(), "alice");
        assertTrue(store.resolve("site").isEmpty());
        TrafficSplit split = store.setDeployment(TrafficSplit.of("site", Map.of("green", 10, "blue", 90)), "alice");
        assertEquals("blue=90, green=10", split.describe());
        assertEquals("alice", split.updatedBy());
        List<RoutedVersion> routed = store.resolve("site").orElseThrow();
        assertEquals(List.of("blue", "green"), routed.stream().map(RoutedVersion::alias).toList());
        assertEquals(List.of(v[0].id(), v[1].id()), routed.stream().map(r -> r.version().id()).toList());
        assertEquals(90, routed.get(0).weight());

        // Moving an alias moves the deployment's traffic with it.
        store.setAlias("green", v[0].id(), "alice");
        assertEquals(v[0].id(), store.resolve("site").orElseThrow().get(1).version().id());

        // A routed alias cannot go; an unknown alias cannot be routed to.
        ConflictException routedAway = assertThrows(ConflictException.class, () -> store.deleteAlias("green", "bob"));
        assertEquals("/api/v1/deployments/site", routedAway.resource());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> store.setDeployment(TrafficSplit.of("site", Map.of("blue", 1, "nobody", 1)), "bob"));
        assertEquals("routes.nobody", unknown.field());
        assertEquals("blue=90, green=10", store.deployment("site").orElseThrow().describe(), "a refused write changes nothing");

        // Replaced as a whole; then deleted, which frees the alias.
        store.setDeployment(TrafficSplit.of("site", Map.of("blue", 100)), "bob");
        assertEquals(1, store.resolve("site").orElseThrow().size());
        assertEquals("blue=100 (was blue=90, green=10)", store.changes(1).get(0).change());
        assertTrue(store.deleteAlias("green", "bob"));
        assertFalse(store.deleteAlias("green", "bob"));
        assertTrue(store.deleteDeployment("site", "bob"));
        assertFalse(store.deleteDeployment("site", "bob"));
        assertTrue(store.resolve("site").isEmpty());
        assertEquals("deployment site", store.changes(1).get(0).subject());
        assertEquals("deleted", store.changes(1).get(0).change());
    }

    @Test
    @Transactional
    void theChangeLogIsAppendOnly() {
        ModelVersion[] v = versions("append-only", 1);
        store.setAlias("append-only", v[0].id(), "alice");
        assertThrows(RuntimeException.class, () -> em.createNativeQuery("UPDATE deployment_change SET actor = 'mallory'")
                .executeUpdate());
    }
}
