package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.AuditEntry;
import io.h2rec.domain.port.out.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The audit trail in {@code audit_log} (V10): appended here, never updated (a trigger refuses it). */
@ApplicationScoped
public class HibernateAuditLog implements AuditLog {
    @Inject
    EntityManager em;

    @Override
    @Transactional
    public void record(AuditEntry e) {
        em.createNativeQuery("INSERT INTO audit_log (service, actor, roles, action, remote, status, repeats) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, e.service()).setParameter(2, e.actor()).setParameter(3, e.roles())
                .setParameter(4, e.action()).setParameter(5, e.remote()).setParameter(6, e.status())
                .setParameter(7, e.repeats()).executeUpdate();
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public List<AuditEntry> recent(Instant since, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, at, service, actor, roles, action, remote, status, repeats "
                        + "FROM audit_log WHERE at >= ?1 ORDER BY at DESC, id DESC LIMIT ?2")
                .setParameter(1, Timestamp.from(since == null ? Instant.EPOCH : since)).setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(),
                HibernateModelVersionStore.instant(r[1]), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], ((Number) r[7]).intValue(), ((Number) r[8]).intValue())).toList();
    }
}
