package io.h2rec.domain.model;

/** Facts about the running code recorded in provenance: the git commit and the host. */
public record RuntimeInfo(String codeVersion, String host) {
    /** This process, as recorded on the runs it executes: "host:pid". */
    public String owner() {
        return host + ":" + ProcessHandle.current().pid();
    }
}
