package io.h2rec.domain.model;

/**
 * The result of an idempotent create: the resource, and whether this call created it (false: an
 * identical one existed, possibly created by a concurrent call).
 */
public record Created<T>(T value, boolean created) {
}
