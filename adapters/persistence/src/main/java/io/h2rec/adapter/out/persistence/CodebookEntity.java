package io.h2rec.adapter.out.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

@Entity
@Table(name = "codebook")
public class CodebookEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "dataset_id")
    long datasetId;
    @Column(name = "dataset_fingerprint")
    String datasetFingerprint;
    String quantizer;
    int levels;
    @Column(name = "codebook_size")
    int codebookSize;
    long seed;
    @ColumnTransformer(write = "?::jsonb")
    String options;
    @Column(name = "encoder_id")
    String encoderId;
    @Column(name = "text_template")
    String textTemplate;
    @Column(name = "code_dim")
    int codeDim;
    int items;
    @ColumnTransformer(write = "?::jsonb")
    String utilisation;
    int collisions;
    @Column(name = "distinct_tuples")
    int distinctTuples;
    @Column(name = "reconstruction_error")
    Double reconstructionError;
    @Column(name = "encode_seconds")
    double encodeSeconds;
    @Column(name = "quantize_seconds")
    double quantizeSeconds;
    @Column(name = "wall_seconds")
    double wallSeconds;
    String device;
    /** Loaded only when asked for (Quarkus enhances entities, so lazy basics work). */
    @Basic(fetch = FetchType.LAZY)
    byte[] model;
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
