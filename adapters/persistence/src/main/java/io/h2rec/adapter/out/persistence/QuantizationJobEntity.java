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
@Table(name = "quantization_job")
public class QuantizationJobEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String status;
    @ColumnTransformer(write = "?::jsonb")
    String request;
    @Column(name = "dataset_id")
    Long datasetId;
    @Column(name = "codebook_id")
    Long codebookId;
    @ColumnTransformer(write = "?::jsonb")
    String progress;
    String error;
    String owner;
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;
    @Column(name = "cancel_requested")
    boolean cancelRequested;
    int attempt = 1;
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "finished_at")
    Instant finishedAt;
}
