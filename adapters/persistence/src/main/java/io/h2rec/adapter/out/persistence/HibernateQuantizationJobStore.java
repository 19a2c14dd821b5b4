package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.JobProgress;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.QuantizationJob;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.QuantizationJobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Quantization jobs in PostgreSQL, with the lease lifecycle of runs ({@link LeasedRows}). */
@ApplicationScoped
public class HibernateQuantizationJobStore implements QuantizationJobStore {
    private static final LeasedRows ROWS = new LeasedRows("quantization_job", "/api/v1/quantizations");

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public QuantizationJob create(String requestJson, Long datasetId) {
        QuantizationJobEntity e = new QuantizationJobEntity();
        e.status = RunStatus.QUEUED.name();
        e.request = requestJson;
        e.datasetId = datasetId;
        e.progress = Json.write(new JobProgress("queued", 0, 0));
        em.persist(e);
        em.flush();
        em.refresh(e);
        return toDomain(e);
    }

    @Override
    @Transactional
    public Optional<QuantizationJob> find(long id) {
        return Optional.ofNullable(em.find(QuantizationJobEntity.class, id)).map(HibernateQuantizationJobStore::toDomain);
    }

    @Override
    @Transactional
    public List<QuantizationJob> list(int limit) {
        return em.createQuery("from QuantizationJobEntity order by id desc", QuantizationJobEntity.class)
                .setMaxResults(limit).getResultStream().map(HibernateQuantizationJobStore::toDomain).toList();
    }

    @Override
    @Transactional
    public List<QuantizationJob> findByState(RunStatus state) {
        return em.createQuery("from QuantizationJobEntity where status = :s order by id", QuantizationJobEntity.class)
                .setParameter("s", state.name()).getResultStream().map(HibernateQuantizationJobStore::toDomain).toList();
    }

    @Override
    @Transactional
    public void claim(long id, String owner) {
        ROWS.claim(em, id, owner);
    }

    @Override
    @Transactional
    public LeaseState heartbeat(long id, String owner, JobProgress progress, Long datasetId) {
        LeaseState state = ROWS.heartbeat(em, id, owner, progress == null ? null : Json.write(progress));
        if (state != LeaseState.LOST && datasetId != null) {
            em.createNativeQuery("UPDATE quantization_job SET dataset_id = ?1 WHERE id = ?2 AND dataset_id IS NULL")
                    .setParameter(1, datasetId).setParameter(2, id).executeUpdate();
        }
        return state;
    }

    @Override
    @Transactional
    public List<QuantizationJob> interruptExpired(long leaseSeconds, String markedBy) {
        return ROWS.interruptExpired(em, leaseSeconds, markedBy, QuantizationJobEntity.class,
                HibernateQuantizationJobStore::toDomain);
    }

    @Override
    @Transactional
    public CancelOutcome cancel(long id, long leaseSeconds, String reason) {
        return ROWS.cancel(em, id, leaseSeconds, reason);
    }

    @Override
    @Transactional
    public QuantizationJob requeue(long id) {
        em.createNativeQuery("UPDATE quantization_job SET codebook_id = NULL, progress = CAST(?1 AS jsonb) "
                + "WHERE id = ?2 AND status IN ('INTERRUPTED', 'FAILED')")
                .setParameter(1, Json.write(new JobProgress("queued", 0, 0))).setParameter(2, id).executeUpdate();
        return ROWS.requeue(em, id, QuantizationJobEntity.class, HibernateQuantizationJobStore::toDomain);
    }

    @Override
    @Transactional
    public void finish(long id, String owner, RunStatus to, String error, Long codebookId, JobProgress progress) {
        ROWS.finish(em, id, owner, to, error, progress == null ? null : Json.write(progress));
        if (codebookId != null) {
            em.createNativeQuery("UPDATE quantization_job SET codebook_id = ?1 WHERE id = ?2")
                    .setParameter(1, codebookId).setParameter(2, id).executeUpdate();
        }
    }

    static QuantizationJob toDomain(QuantizationJobEntity e) {
        return new QuantizationJob(e.id, RunStatus.valueOf(e.status), e.request, e.datasetId, e.codebookId,
                Json.read(e.progress, JobProgress.class), e.error, e.owner, e.attempt, e.createdAt, e.startedAt,
                e.finishedAt, e.heartbeatAt);
    }
}
