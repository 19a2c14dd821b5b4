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
@Table(name = "model_version")
public class ModelVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "run_id")
    long runId;
    @Column(name = "model_type")
    String modelType;
    @Column(name = "artifact_uri")
    String artifactUri;
    String checksum;
    @ColumnTransformer(write = "?::jsonb")
    String provenance;
    boolean active;
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
