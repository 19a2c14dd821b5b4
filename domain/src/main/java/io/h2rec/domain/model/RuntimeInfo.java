package io.h2rec.domain.model;

/** Facts about the running code recorded in provenance: the git commit and the host. */
public record RuntimeInfo(String codeVersion, String host) {
}
