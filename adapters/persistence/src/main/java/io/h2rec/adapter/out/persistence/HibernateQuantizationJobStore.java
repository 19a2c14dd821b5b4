package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.JobProgress;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.QuantizationJob;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.QuantizationJobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Quantization jobs in PostgreSQL, with the lease lifecycle of runs ({@link LeasedRowStore}). */
@ApplicationScoped
public class HibernateQuantizationJobStore extends LeasedRowStore<QuantizationJobEntity, QuantizationJob>
        implements QuantizationJobStore {
    public HibernateQuantizationJobStore() {
        super("quantization_job", "/api/v1/quantizations", QuantizationJobEntity.class,
                HibernateQuantizationJobStore::toDomain);
    }

    @Override
    @Transactional
    public QuantizationJob create(String requestJson, Long datasetId) {
        QuantizationJobEntity e = new QuantizationJobEntity();
        e.status = RunStatus.QUEUED.name();
        e.request = requestJson;
        e.datasetId = datasetId;
        e.progress = Json.write(new JobProgress("queued", 0, 0));
        return toDomain(Rows.inserted(em, e));
    }

    @Override
    @Transactional
    public Optional<QuantizationJob> find(long id) {
        return Rows.byId(em, QuantizationJobEntity.class, id, HibernateQuantizationJobStore::toDomain);
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
        return byStatus(state);
    }

    @Override
    @Transactional
    public LeaseState heartbeat(long id, String owner, JobProgress progress, Long datasetId) {
        LeaseState state = renew(id, owner, progress);
        if (state != LeaseState.LOST && datasetId != null) {
            em.createNativeQuery("UPDATE quantization_job SET dataset_id = ?1 WHERE id = ?2 AND dataset_id IS NULL")
                    .setParameter(1, datasetId).setParameter(2, id).executeUpdate();
        }
        return state;
    }

    @Override
    @Transactional
    public QuantizationJob requeue(long id) {
        em.createNativeQuery("UPDATE quantization_job SET codebook_id = NULL, progress = CAST(?1 AS jsonb) "
                + "WHERE id = ?2 AND status IN ('INTERRUPTED', 'FAILED')")
                .setParameter(1, Json.write(new JobProgress("queued", 0, 0))).setParameter(2, id).executeUpdate();
        return super.requeue(id);
    }

    @Override
    @Transactional
    public void finish(long id, String owner, RunStatus to, String error, Long codebookId, JobProgress progress) {
        end(id, owner, to, error, progress);
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
