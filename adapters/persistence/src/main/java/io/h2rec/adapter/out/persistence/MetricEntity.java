package io.h2rec.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "metric")
@IdClass(MetricEntity.Key.class)
public class MetricEntity {
    @Id
    @Column(name = "run_id")
    Long runId;
    @Id
    String split;
    @Id
    String protocol;
    @Id
    String grp;
    @Id
    String metric;
    @Id
    int k;
    double value;

    public static class Key implements Serializable {
        Long runId;
        String split;
        String protocol;
        String grp;
        String metric;
        int k;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key x && Objects.equals(runId, x.runId) && Objects.equals(split, x.split)
                    && Objects.equals(protocol, x.protocol) && Objects.equals(grp, x.grp)
                    && Objects.equals(metric, x.metric) && k == x.k;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, split, protocol, grp, metric, k);
        }
    }
}
