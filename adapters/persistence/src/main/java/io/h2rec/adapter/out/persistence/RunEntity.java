package io.h2rec.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

@Entity
@Table(name = "run")
public class RunEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "experiment_id")
    long experimentId;
    long seed;
    String status;
    @Column(name = "config_hash")
    String configHash;
    @ColumnTransformer(write = "?::jsonb")
    String provenance;
    @ColumnTransformer(write = "?::jsonb")
    String progress;
    String error;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "finished_at")
    Instant finishedAt;
    String owner;
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;
    @Column(name = "cancel_requested")
    boolean cancelRequested;
    int attempt = 1;
    @Column(name = "imported_from")
    String importedFrom;
}
