package io.h2rec.adapter.out.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.ExperimentSpec;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.RunStatus;
import io.h2rec.domain.port.out.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Experiments, runs and metrics in PostgreSQL; every status change is one transaction. */
@ApplicationScoped
public class HibernateExperimentStore extends LeasedRowStore<RunEntity, Run> implements ExperimentStore {
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<List<Long>> SEEDS = new TypeReference<>() {
    };

    public HibernateExperimentStore() {
        super("run", "/api/v1/runs", RunEntity.class, HibernateExperimentStore::toDomain);
    }

    @Override
    @Transactional
    public Experiment saveExperiment(ExperimentSpec spec) {
        ExperimentEntity e = new ExperimentEntity();
        e.name = spec.name();
        e.datasetId = spec.datasetId();
        e.codebookId = spec.codebookId();
        e.model = spec.model();
        e.params = Json.write(spec.sortedParams());
        e.seeds = Json.write(spec.seeds());
        return toDomain(Rows.inserted(em, e));
    }

    @Override
    @Transactional
    public Created<Experiment> saveExperimentIfAbsent(ExperimentSpec spec) {
        // Serialises creates of one name: a concurrent call waits here for this commit, then finds the row.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(1, hashtext(?1))").setParameter(1, spec.name())
                .getSingleResult();
        Optional<Experiment> existing = findExperimentByName(spec.name());
        return existing.map(e -> new Created<>(e, false)).orElseGet(() -> new Created<>(saveExperiment(spec), true));
    }

    @Override
    @Transactional
    public Optional<Experiment> findExperiment(long id) {
        return Rows.byId(em, ExperimentEntity.class, id, HibernateExperimentStore::toDomain);
    }

    @Override
    @Transactional
    public Optional<Experiment> findExperimentByName(String name) {
        return em.createQuery("from ExperimentEntity where name = :n", ExperimentEntity.class)
                .setParameter("n", name).getResultStream().findFirst().map(HibernateExperimentStore::toDomain);
    }

    @Override
    @Transactional
    public List<Experiment> listExperiments() {
        return em.createQuery("from ExperimentEntity order by id", ExperimentEntity.class).getResultStream()
                .map(HibernateExperimentStore::toDomain).toList();
    }

    @Override
    @Transactional
    public Created<Run> createRun(long experimentId, long seed, String configHash, boolean reuseActive) {
        if (reuseActive) {
            // Serialises starts of one config: a concurrent start waits for this commit, then finds this run.
            em.createNativeQuery("SELECT pg_advisory_xact_lock(2, hashtext(?1))").setParameter(1, configHash)
                    .getSingleResult();
            Optional<RunEntity> active = em.createQuery("from RunEntity where configHash = :h and status in "
                            + "('QUEUED', 'RUNNING') order by id", RunEntity.class)
                    .setParameter("h", configHash).setMaxResults(1).getResultStream().findFirst();
            if (active.isPresent()) {
                return new Created<>(toDomain(active.get()), false);
            }
        }
        RunEntity r = new RunEntity();
        r.experimentId = experimentId;
        r.seed = seed;
        r.status = RunStatus.QUEUED.name();
        r.configHash = configHash;
        r.createdAt = Instant.now();
        em.persist(r);
        em.flush();
        return new Created<>(toDomain(r), true);
    }

    @Override
    @Transactional
    public Optional<Run> findRun(long runId) {
        return Rows.byId(em, RunEntity.class, runId, HibernateExperimentStore::toDomain);
    }

    @Override
    @Transactional
    public List<Run> listRuns(long experimentId) {
        return em.createQuery("from RunEntity where experimentId = :e order by id", RunEntity.class)
                .setParameter("e", experimentId).getResultStream().map(HibernateExperimentStore::toDomain).toList();
    }

    @Override
    @Transactional
    public Optional<Run> findSucceededRun(String configHash) {
        return em.createQuery("from RunEntity where configHash = :h and status = 'SUCCEEDED' order by id desc",
                        RunEntity.class)
                .setParameter("h", configHash).setMaxResults(1).getResultStream().findFirst()
                .map(HibernateExperimentStore::toDomain);
    }

    @Override
    @Transactional
    public List<Run> findByStatus(RunStatus status) {
        return byStatus(status);
    }

    @Override
    @Transactional
    public LeaseState heartbeat(long runId, String owner, RunProgress progress) {
        return renew(runId, owner, progress);
    }

    @Override
    @Transactional
    public void recordProvenance(long runId, Provenance provenance) {
        runRow(runId).provenance = Json.write(provenance);
    }

    @Override
    @Transactional
    public void updateProgress(long runId, RunProgress progress) {
        runRow(runId).progress = Json.write(progress);
    }

    @Override
    @Transactional
    public void finish(long runId, String owner, RunStatus to, String message, EvaluationResult result,
                       RunProgress finalProgress) {
        end(runId, owner, to, message, finalProgress);
        if (result != null) {
            persistMetrics(runId, result.values());
        }
    }

    private void persistMetrics(long runId, List<MetricValue> values) {
        for (MetricValue v : values) {
            MetricEntity m = new MetricEntity();
            m.runId = runId;
            m.split = v.split().label();
            m.protocol = v.protocol().label();
            m.grp = v.group();
            m.metric = v.metric();
            m.k = v.k();
            m.value = v.value();
            em.persist(m);
        }
    }

    @Override
    @Transactional
    public Created<Run> importRun(long experimentId, LedgerRun line, Provenance provenance, RunProgress progress) {
        Rows.byId(em, ExperimentEntity.class, experimentId, e -> e).orElseThrow(
                () -> new IllegalArgumentException("unknown experiment " + experimentId));
        // Serialises imports of one line: a concurrent import waits here for this commit, then finds the run.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(3, hashtext(?1))").setParameter(1, line.key()).getSingleResult();
        Optional<RunEntity> there = em.createQuery("from RunEntity where importedFrom = :k", RunEntity.class)
                .setParameter("k", line.key()).getResultStream().findFirst();
        if (there.isPresent()) {
            return new Created<>(toDomain(there.get()), false);
        }
        RunEntity r = new RunEntity();
        r.experimentId = experimentId;
        r.seed = line.seed();
        r.status = RunStatus.SUCCEEDED.name();
        r.configHash = line.key();
        r.importedFrom = line.key();
        r.provenance = Json.write(provenance);
        r.progress = Json.write(progress);
        r.createdAt = Instant.now();
        r.startedAt = line.startedAt();
        r.finishedAt = line.finishedAt();
        em.persist(r);
        em.flush();
        persistMetrics(r.id, line.metrics());
        for (EpochPoint p : line.curve()) {
            recordEpoch(r.id, p);
        }
        return new Created<>(toDomain(r), true);
    }

    @Override
    @Transactional
    public List<MetricValue> metrics(long runId) {
        return em.createQuery("from MetricEntity where runId = :r order by split, protocol, grp, metric, k",
                        MetricEntity.class)
                .setParameter("r", runId).getResultStream()
                .map(m -> new MetricValue(EvalTarget.fromLabel(m.split), Protocol.fromLabel(m.protocol), m.grp,
                        m.metric, m.k, m.value))
                .toList();
    }

    @Override
    @Transactional
    public void recordEpoch(long runId, EpochPoint point) {
        runRow(runId);   // an unknown run is an IllegalArgumentException, not a foreign-key violation
        boolean evaluated = Double.isFinite(point.validationNdcg());
        var insert = em.createNativeQuery("INSERT INTO run_epoch (run_id, epoch, loss, valid_ndcg) VALUES (?1, ?2, ?3, "
                        + (evaluated ? "?4" : "NULL") + ") "
                        + "ON CONFLICT (run_id, epoch) DO UPDATE SET loss = EXCLUDED.loss, valid_ndcg = EXCLUDED.valid_ndcg")
                .setParameter(1, runId).setParameter(2, point.epoch()).setParameter(3, point.loss());
        if (evaluated) {
            insert.setParameter(4, point.validationNdcg());
        }
        insert.executeUpdate();
    }

    @Override
    @Transactional
    public void discardEpochsAfter(long runId, int epoch) {
        em.createNativeQuery("DELETE FROM run_epoch WHERE run_id = ?1 AND epoch > ?2").setParameter(1, runId)
                .setParameter(2, epoch).executeUpdate();
    }

    @Override
    @Transactional
    public List<EpochPoint> epochs(long runId) {
        List<?> rows = em.createNativeQuery("SELECT epoch, loss, valid_ndcg FROM run_epoch WHERE run_id = ?1 ORDER BY epoch")
                .setParameter(1, runId).getResultList();
        return rows.stream().map(o -> (Object[]) o).map(r -> new EpochPoint(((Number) r[0]).intValue(),
                ((Number) r[1]).doubleValue(), r[2] == null ? Double.NaN : ((Number) r[2]).doubleValue())).toList();
    }

    private RunEntity runRow(long runId) {
        RunEntity r = em.find(RunEntity.class, runId);
        if (r == null) {
            throw new IllegalArgumentException("unknown run " + runId);
        }
        return r;
    }

    static Experiment toDomain(ExperimentEntity e) {
        return new Experiment(e.id, new ExperimentSpec(e.name, e.datasetId, e.codebookId, e.model,
                Json.read(e.params, PARAMS), Json.read(e.seeds, SEEDS)), e.createdAt);
    }

    static Run toDomain(RunEntity r) {
        return new Run(r.id, r.experimentId, r.seed, RunStatus.valueOf(r.status), r.configHash,
                Json.read(r.provenance, Provenance.class), Json.read(r.progress, RunProgress.class), r.error,
                r.createdAt, r.startedAt, r.finishedAt, r.owner, r.heartbeatAt, r.attempt, r.importedFrom);
    }
}
