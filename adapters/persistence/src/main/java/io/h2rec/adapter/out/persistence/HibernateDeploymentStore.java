package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.DeploymentChange;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.RoutedVersion;
import io.h2rec.domain.model.TrafficSplit;
import io.h2rec.domain.port.out.DeploymentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aliases and deployments in {@code model_alias}, {@code deployment}, {@code deployment_route} (V22),
 * each write with its {@code deployment_change} row in one transaction. Triggers notify serving on commit.
 */
@ApplicationScoped
public class HibernateDeploymentStore implements DeploymentStore {
    @Inject
    EntityManager em;

    @Override
    @Transactional
    public List<ModelAlias> aliases() {
        return aliasRows("ORDER BY name", null);
    }

    @Override
    @Transactional
    public Optional<ModelAlias> alias(String name) {
        return aliasRows("WHERE name = ?1", name).stream().findFirst();
    }

    @Override
    @Transactional
    public ModelAlias setAlias(String name, long modelVersionId, String actor) {
        ModelAlias.checkName("alias", name);
        if (em.find(ModelVersionEntity.class, modelVersionId) == null) {
            throw new NotFoundException("model version", modelVersionId);
        }
        Optional<ModelAlias> before = aliasRows("WHERE name = ?1 FOR UPDATE", name).stream().findFirst();
        em.createNativeQuery("INSERT INTO model_alias (name, model_version_id, updated_by) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (name) DO UPDATE SET model_version_id = EXCLUDED.model_version_id, "
                        + "updated_at = clock_timestamp(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, name).setParameter(2, modelVersionId).setParameter(3, actor).executeUpdate();
        record(actor, "alias " + name, "model version " + modelVersionId
                + before.map(b -> " (was " + b.modelVersionId() + ")").orElse(" (new)"));
        return alias(name).orElseThrow();
    }

    @Override
    @Transactional
    public boolean deleteAlias(String name, String actor) {
        List<?> routing = em.createNativeQuery("SELECT deployment FROM deployment_route WHERE alias = ?1 "
                + "ORDER BY deployment").setParameter(1, name).getResultList();
        if (!routing.isEmpty()) {
            throw new ConflictException("/api/v1/deployments/" + routing.get(0), "deployment '" + routing.get(0)
                    + "' routes to alias '" + name + "': change its routes before deleting the alias");
        }
        int deleted = em.createNativeQuery("DELETE FROM model_alias WHERE name = ?1").setParameter(1, name)
                .executeUpdate();
        if (deleted > 0) {
            record(actor, "alias " + name, "deleted");
        }
        return deleted > 0;
    }

    @Override
    @Transactional
    public List<TrafficSplit> deployments() {
        return splits(null);
    }

    @Override
    @Transactional
    public Optional<TrafficSplit> deployment(String name) {
        return splits(name).stream().findFirst();
    }

    @Override
    @Transactional
    public TrafficSplit setDeployment(TrafficSplit split, String actor) {
        for (TrafficSplit.Route r : split.routes()) {
            if (alias(r.alias()).isEmpty()) {
                throw new InvalidInputException("routes." + r.alias(), "no alias '" + r.alias()
                        + "': point it at a model version first (PUT /api/v1/aliases/" + r.alias() + ")");
            }
        }
        // The upsert locks the deployment's row: concurrent writers of one deployment take turns.
        em.createNativeQuery("INSERT INTO deployment (name, updated_by) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE "
                        + "SET updated_at = clock_timestamp(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, split.deployment()).setParameter(2, actor).executeUpdate();
        String before = deployment(split.deployment()).map(TrafficSplit::describe).orElse("");
        em.createNativeQuery("DELETE FROM deployment_route WHERE deployment = ?1").setParameter(1, split.deployment())
                .executeUpdate();
        for (TrafficSplit.Route r : split.routes()) {
            em.createNativeQuery("INSERT INTO deployment_route (deployment, alias, weight) VALUES (?1, ?2, ?3)")
                    .setParameter(1, split.deployment()).setParameter(2, r.alias()).setParameter(3, r.weight())
                    .executeUpdate();
        }
        record(actor, "deployment " + split.deployment(), split.describe()
                + (before.isEmpty() ? " (new)" : " (was " + before + ")"));
        return deployment(split.deployment()).orElseThrow();
    }

    @Override
    @Transactional
    public boolean deleteDeployment(String name, String actor) {
        int deleted = em.createNativeQuery("DELETE FROM deployment WHERE name = ?1").setParameter(1, name)
                .executeUpdate();
        if (deleted > 0) {
            record(actor, "deployment " + name, "deleted");
        }
        return deleted > 0;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public List<DeploymentChange> changes(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, at, actor, subject, change FROM deployment_change "
                + "ORDER BY at DESC, id DESC LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new DeploymentChange(((Number) r[0]).longValue(),
                HibernateModelVersionStore.instant(r[1]), (String) r[2], (String) r[3], (String) r[4])).toList();
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<List<RoutedVersion>> resolve(String deployment) {
        // One statement, so one snapshot: the weights and the aliases' targets of a single instant.
        List<Object[]> rows = em.createNativeQuery("SELECT r.alias, r.weight, a.model_version_id FROM deployment_route r "
                + "JOIN model_alias a ON a.name = r.alias WHERE r.deployment = ?1 ORDER BY r.alias")
                .setParameter(1, deployment).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<RoutedVersion> out = new ArrayList<>();
        for (Object[] r : rows) {
            // Versions are immutable but for their active flag, which routing does not read.
            ModelVersion v = HibernateModelVersionStore.toDomain(em.find(ModelVersionEntity.class,
                    ((Number) r[2]).longValue()));
            out.add(new RoutedVersion((String) r[0], ((Number) r[1]).intValue(), v));
        }
        return Optional.of(out);
    }

    @SuppressWarnings("unchecked")
    private List<ModelAlias> aliasRows(String clause, String name) {
        var q = em.createNativeQuery("SELECT name, model_version_id, updated_at, updated_by FROM model_alias " + clause);
        if (name != null) {
            q.setParameter(1, name);
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new ModelAlias((String) r[0], ((Number) r[1]).longValue(),
                HibernateModelVersionStore.instant(r[2]), (String) r[3])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<TrafficSplit> splits(String name) {
        var q = em.createNativeQuery("SELECT d.name, d.updated_at, d.updated_by, r.alias, r.weight FROM deployment d "
                + "JOIN deployment_route r ON r.deployment = d.name" + (name == null ? "" : " WHERE d.name = ?1")
                + " ORDER BY d.name, r.alias");
        if (name != null) {
            q.setParameter(1, name);
        }
        Map<String, List<Object[]>> byName = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            byName.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r);
        }
        List<TrafficSplit> out = new ArrayList<>();
        byName.forEach((deployment, rows) -> out.add(new TrafficSplit(deployment, rows.stream()
                .map(r -> new TrafficSplit.Route((String) r[3], ((Number) r[4]).intValue())).toList(),
                HibernateModelVersionStore.instant(rows.get(0)[1]), (String) rows.get(0)[2])));
        return out;
    }

    private void record(String actor, String subject, String change) {
        em.createNativeQuery("INSERT INTO deployment_change (actor, subject, change) VALUES (?1, ?2, ?3)")
                .setParameter(1, actor).setParameter(2, subject).setParameter(3, change).executeUpdate();
    }
}
