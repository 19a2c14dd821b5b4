package io.h2rec.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "dataset")
public class DatasetEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String name;
    String format;
    String location;
    String fingerprint;
    @Column(name = "k_core")
    int kCore;
    @Column(name = "min_user_interactions")
    int minUserInteractions;
    /** Null: leave-one-out; else {@code SplitProtocol.canonical()}. */
    @Column(name = "split")
    String split;
    @Column(name = "users_before")
    int usersBefore;
    @Column(name = "items_before")
    int itemsBefore;
    @Column(name = "interactions_before")
    int interactionsBefore;
    int users;
    int items;
    int interactions;
    @Column(name = "filter_iterations")
    int filterIterations;
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
