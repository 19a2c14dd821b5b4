package io.h2rec.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "item")
@IdClass(ItemEntity.Key.class)
public class ItemEntity {
    @Id
    @Column(name = "dataset_id")
    Long datasetId;
    @Id
    int idx;
    @Column(name = "external_id")
    String externalId;
    /** JSON object of text fields. */
    @ColumnTransformer(write = "?::jsonb")
    String fields;

    public static class Key implements Serializable {
        Long datasetId;
        int idx;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(datasetId, k.datasetId) && idx == k.idx;
        }

        @Override
        public int hashCode() {
            return Objects.hash(datasetId, idx);
        }
    }
}
