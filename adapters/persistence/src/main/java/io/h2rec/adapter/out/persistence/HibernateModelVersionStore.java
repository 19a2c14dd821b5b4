package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.ModelActivation;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.port.out.ActivationHistory;
import io.h2rec.domain.port.out.ModelVersionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Model versions; at most one is active (a partial unique index enforces it). Each activation is
 * recorded in {@code model_activation} (V11) in the same transaction.
 */
@ApplicationScoped
public class HibernateModelVersionStore implements ModelVersionStore, ActivationHistory {
    /** The actor of activations made without one (in-process jobs and tests). */
    static final String UNATTRIBUTED = "in-process";

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public ModelVersion register(long runId, String modelType, String artifactUri, String checksum,
                                 Provenance provenance) {
        ModelVersionEntity e = new ModelVersionEntity();
        e.runId = runId;
        e.modelType = modelType;
        e.artifactUri = artifactUri;
        e.checksum = checksum;
        e.provenance = Json.write(provenance);
        return toDomain(Rows.inserted(em, e));
    }

    @Override
    @Transactional
    public Optional<ModelVersion> find(long id) {
        return Rows.byId(em, ModelVersionEntity.class, id, HibernateModelVersionStore::toDomain);
    }

    @Override
    @Transactional
    public Optional<ModelVersion> findByRun(long runId) {
        return em.createQuery("from ModelVersionEntity where runId = :r order by id desc", ModelVersionEntity.class)
                .setParameter("r", runId).setMaxResults(1).getResultStream().findFirst()
                .map(HibernateModelVersionStore::toDomain);
    }

    @Override
    @Transactional
    public List<ModelVersion> list() {
        return em.createQuery("from ModelVersionEntity order by id desc", ModelVersionEntity.class).getResultStream()
                .map(HibernateModelVersionStore::toDomain).toList();
    }

    @Override
    @Transactional
    public Optional<ModelVersion> active() {
        return em.createQuery("from ModelVersionEntity where active = true", ModelVersionEntity.class)
                .getResultStream().findFirst().map(HibernateModelVersionStore::toDomain);
    }

    @Override
    public ModelVersion activate(long id) {
        return activate(id, UNATTRIBUTED);
    }

    @Override
    @Transactional
    public ModelVersion activate(long id, String actor) {
        ModelVersionEntity e = em.find(ModelVersionEntity.class, id);
        if (e == null) {
            throw new NotFoundException("model version", id);
        }
        em.createQuery("update ModelVersionEntity set active = false where active = true and id <> :id")
                .setParameter("id", id).executeUpdate();
        em.flush();
        e.active = true;
        em.flush();
        em.createNativeQuery("INSERT INTO model_activation (model_version_id, activated_by) VALUES (?1, ?2)")
                .setParameter(1, id).setParameter(2, actor).executeUpdate();
        return toDomain(e);
    }

    @Override
    @Transactional
    public List<ModelActivation> activations(int limit) {
        return activationRows("ORDER BY activated_at DESC, id DESC LIMIT ?1", limit);
    }

    @Override
    @Transactional
    public Optional<ModelActivation> activeAt(Instant at) {
        return activationRows("WHERE activated_at <= ?1 ORDER BY activated_at DESC, id DESC LIMIT 1",
                Timestamp.from(at)).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<ModelActivation> activationRows(String clause, Object parameter) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, model_version_id, activated_at, activated_by "
                + "FROM model_activation " + clause).setParameter(1, parameter).getResultList();
        return rows.stream().map(r -> new ModelActivation(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                instant(r[2]), (String) r[3])).toList();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    static ModelVersion toDomain(ModelVersionEntity e) {
        return new ModelVersion(e.id, e.runId, e.modelType, e.artifactUri, e.checksum,
                Json.read(e.provenance, Provenance.class), e.active, e.createdAt);
    }
}
