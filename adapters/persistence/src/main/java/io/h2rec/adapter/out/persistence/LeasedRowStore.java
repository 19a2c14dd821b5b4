package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.CancelOutcome;
import io.h2rec.domain.model.LeaseState;
import io.h2rec.domain.model.RunStatus;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.function.Function;

/**
 * The store of a table of leased rows (runs, quantization jobs): the lease lifecycle on any table
 * with the columns status, progress (JSONB), error, owner, heartbeat_at, cancel_requested, attempt,
 * started_at, finished_at. One UPDATE per transition, on the database's clock; each public method
 * is one transaction, the protected ones run inside the caller's.
 *
 * @param <E> the table's entity
 * @param <T> its domain record
 */
abstract class LeasedRowStore<E, T> {
    private final String table;
    private final String api;
    private final Class<E> entity;
    private final Function<E, T> toDomain;

    @Inject
    EntityManager em;

    /** @param api the API path of the rows, for conflict messages ("/api/v1/runs") */
    LeasedRowStore(String table, String api, Class<E> entity, Function<E, T> toDomain) {
        this.table = table;
        this.api = api;
        this.entity = entity;
        this.toDomain = toDomain;
    }

    /** Rows in one status, oldest first. */
    protected List<T> byStatus(RunStatus status) {
        return em.createQuery("from " + entity.getSimpleName() + " where status = :s order by id", entity)
                .setParameter("s", status.name()).getResultStream().map(toDomain).toList();
    }

    private String status(long id) {
        List<?> s = em.createNativeQuery("SELECT status FROM " + table + " WHERE id = ?1").setParameter(1, id)
                .getResultList();
        if (s.isEmpty()) {
            throw new NotFoundException(table.replace('_', ' '), id);
        }
        return (String) s.get(0);
    }

    /**
     * QUEUED -> RUNNING under owner's lease; the loser of a race gets a ConflictException. started_at is the
     * first claim's: a requeued row resumed later keeps it, so start-to-finish spans every attempt.
     */
    @Transactional
    public void claim(long id, String owner) {
        int n = em.createNativeQuery("UPDATE " + table + " SET status = 'RUNNING', owner = ?1, started_at = COALESCE(started_at, now()), "
                        + "heartbeat_at = now(), finished_at = NULL, error = NULL WHERE id = ?2 AND status = 'QUEUED'")
                .setParameter(1, owner).setParameter(2, id).executeUpdate();
        if (n == 0) {
            throw new ConflictException(api + "/" + id, table.replace('_', ' ') + " " + id + " is " + status(id)
                    + "; only QUEUED ones start");
        }
    }

    /** Renews owner's lease and stores the progress (when not null); says whether a cancel was requested. */
    protected LeaseState renew(long id, String owner, Object progress) {
        String progressJson = progress == null ? null : Json.write(progress);
        List<?> held = em.createNativeQuery("UPDATE " + table + " SET heartbeat_at = now(), "
                        + "progress = COALESCE(CAST(NULLIF(?1, '') AS jsonb), progress) "
                        + "WHERE id = ?2 AND owner = ?3 AND status = 'RUNNING' RETURNING cancel_requested")
                .setParameter(1, progressJson == null ? "" : progressJson).setParameter(2, id).setParameter(3, owner)
                .getResultList();
        if (held.isEmpty()) {
            return LeaseState.LOST;
        }
        return Boolean.TRUE.equals(held.get(0)) ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD;
    }

    /**
     * RUNNING rows whose lease is older than leaseSeconds -> INTERRUPTED, saying whose lease expired
     * (CANCELLED instead when a cancel was requested: its owner died before it could stop).
     */
    @Transactional
    public List<T> interruptExpired(long leaseSeconds, String markedBy) {
        List<?> ids = em.createNativeQuery("UPDATE " + table + " SET finished_at = now(), "
                        + "status = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'INTERRUPTED' END, "
                        + "error = CASE WHEN cancel_requested THEN 'cancelled by request; ' ELSE 'interrupted: ' END "
                        + "|| 'the lease of ' || COALESCE(owner, 'an unknown process') "
                        + "|| ' expired (last heartbeat ' || COALESCE(to_char(heartbeat_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'never') || ', lease ' || ?1 || ' s); marked by ' || ?2 "
                        + "WHERE status = 'RUNNING' AND COALESCE(heartbeat_at, started_at, created_at) "
                        + "< now() - make_interval(secs => ?1) RETURNING id")
                .setParameter(1, leaseSeconds).setParameter(2, markedBy).getResultList();
        em.clear();
        return ids.stream().map(id -> toDomain.apply(em.find(entity, ((Number) id).longValue()))).toList();
    }

    /** Cancels a row in any non-terminal state; see {@link CancelOutcome}. */
    @Transactional
    public CancelOutcome cancel(long id, long leaseSeconds, String reason) {
        List<?> row = em.createNativeQuery("SELECT status, COALESCE(heartbeat_at, started_at, created_at) "
                        + ">= now() - make_interval(secs => ?1), owner FROM " + table + " WHERE id = ?2 FOR UPDATE")
                .setParameter(1, leaseSeconds).setParameter(2, id).getResultList();
        if (row.isEmpty()) {
            throw new NotFoundException(table.replace('_', ' '), id);
        }
        Object[] r = (Object[]) row.get(0);
        RunStatus status = RunStatus.valueOf((String) r[0]);
        if (status.isTerminal()) {
            return CancelOutcome.FINISHED;
        }
        if (status == RunStatus.RUNNING && Boolean.TRUE.equals(r[1])) {
            em.createNativeQuery("UPDATE " + table + " SET cancel_requested = TRUE WHERE id = ?1").setParameter(1, id)
                    .executeUpdate();
            return CancelOutcome.REQUESTED;
        }
        String why = status == RunStatus.RUNNING
                ? reason + " (its owner " + r[2] + " had stopped renewing its lease)" : reason;
        em.createNativeQuery("UPDATE " + table + " SET status = 'CANCELLED', error = ?1, finished_at = now(), "
                + "cancel_requested = FALSE WHERE id = ?2").setParameter(1, why).setParameter(2, id).executeUpdate();
        return CancelOutcome.CANCELLED;
    }

    /** INTERRUPTED or FAILED -> QUEUED, attempt + 1; returns the row as it is now. */
    @Transactional
    public T requeue(long id) {
        int n = em.createNativeQuery("UPDATE " + table + " SET status = 'QUEUED', attempt = attempt + 1, owner = NULL, "
                        + "cancel_requested = FALSE, finished_at = NULL, error = NULL "
                        + "WHERE id = ?1 AND status IN ('INTERRUPTED', 'FAILED')")
                .setParameter(1, id).executeUpdate();
        if (n == 0) {
            String status = status(id);
            throw new ConflictException(api + "/" + id, table.replace('_', ' ') + " " + id + " is " + status
                    + "; only INTERRUPTED and FAILED ones can be resumed");
        }
        em.clear();
        return toDomain.apply(em.find(entity, id));
    }

    /**
     * Ends a row: from RUNNING (held by {@code owner} when given), or from QUEUED too unless it
     * becomes SUCCEEDED or INTERRUPTED.
     */
    protected void end(long id, String owner, RunStatus to, String message, Object progress) {
        String progressJson = progress == null ? null : Json.write(progress);
        String from = to == RunStatus.SUCCEEDED || to == RunStatus.INTERRUPTED ? "('RUNNING')" : "('QUEUED', 'RUNNING')";
        int n = em.createNativeQuery("UPDATE " + table + " SET status = ?1, error = NULLIF(?2, ''), finished_at = now(), "
                        + "cancel_requested = FALSE, progress = COALESCE(CAST(NULLIF(?3, '') AS jsonb), progress) "
                        + "WHERE id = ?4 AND status IN " + from + " AND (owner IS NULL OR owner = ?5 OR ?5 = '')")
                .setParameter(1, to.name()).setParameter(2, message == null ? "" : message).setParameter(3, progressJson == null ? "" : progressJson)
                .setParameter(4, id).setParameter(5, owner == null ? "" : owner).executeUpdate();
        if (n == 0) {
            throw new ConflictException(api + "/" + id, table.replace('_', ' ') + " " + id + " is " + status(id) + (owner == null ? ""
                    : " (or held by another process than " + owner + ")") + "; cannot become " + to);
        }
    }
}
