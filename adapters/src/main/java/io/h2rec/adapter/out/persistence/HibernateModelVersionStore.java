package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.port.out.ModelVersionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Model versions; at most one is active (a partial unique index enforces it). */
@ApplicationScoped
public class HibernateModelVersionStore implements ModelVersionStore {
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
        em.persist(e);
        em.flush();
        em.refresh(e);
        return toDomain(e);
    }

    @Override
    @Transactional
    public Optional<ModelVersion> find(long id) {
        return Optional.ofNullable(em.find(ModelVersionEntity.class, id)).map(HibernateModelVersionStore::toDomain);
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
    @Transactional
    public ModelVersion activate(long id) {
        ModelVersionEntity e = em.find(ModelVersionEntity.class, id);
        if (e == null) {
            throw new NoSuchElementException("unknown model version " + id);
        }
        em.createQuery("update ModelVersionEntity set active = false where active = true and id <> :id")
                .setParameter("id", id).executeUpdate();
        em.flush();
        e.active = true;
        em.flush();
        return toDomain(e);
    }

    static ModelVersion toDomain(ModelVersionEntity e) {
        return new ModelVersion(e.id, e.runId, e.modelType, e.artifactUri, e.checksum,
                Json.read(e.provenance, Provenance.class), e.active, e.createdAt);
    }
}
