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
@Table(name = "experiment")
public class ExperimentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String name;
    @Column(name = "dataset_id")
    long datasetId;
    @Column(name = "codebook_id")
    Long codebookId;
    String model;
    @ColumnTransformer(write = "?::jsonb")
    String params;
    @ColumnTransformer(write = "?::jsonb")
    String seeds;
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
