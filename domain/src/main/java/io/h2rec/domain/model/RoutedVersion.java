package io.h2rec.domain.model;

/** A route of a deployment with its alias resolved to the version it points at (what serving loads). */
public record RoutedVersion(String alias, int weight, ModelVersion version) {
}
