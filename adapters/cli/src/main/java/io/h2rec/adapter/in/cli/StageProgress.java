package io.h2rec.adapter.in.cli;

import io.h2rec.domain.model.JobListener;

import java.io.PrintStream;

/** A long job's stages on the console: a line when the stage changes and every 10% within it. */
public final class StageProgress implements JobListener {
    private final PrintStream out;
    private final String indent;
    private String stage = "";
    private long decile = -1;

    /** @param indent what each line starts with (the caller's nesting) */
    public StageProgress(PrintStream out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        long d = total > 0 ? done * 10 / total : 0;
        if (!stage.equals(this.stage) || d != decile) {
            out.printf("%s%s %s%n", indent, stage, total > 0 ? done + "/" + total : "");
            this.stage = stage;
            this.decile = d;
        }
    }
}
