package io.h2rec.lab.experiments;

import io.h2rec.adapter.in.cli.ConsoleProgress;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.ExperimentPlan;
import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.PlanListener;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.TrainingListener;

import java.io.PrintStream;

/** A sweep on the console: the dataset, each codebook, a line per (entry, seed), training progress. */
final class ConsolePlanListener implements PlanListener {
    private final PrintStream out;

    ConsolePlanListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void dataset(RegisteredDataset ds) {
        out.printf("[prepare] %s: %,d users, %,d items, %,d interactions (dataset %d%s)%n", ds.name(),
                ds.stats().usersAfter(), ds.stats().itemsAfter(), ds.stats().interactionsAfter(), ds.id(),
                ds.params().split().temporalSplit() ? ", split " + ds.params().split() : "");
    }

    @Override
    public void codebook(String quantizer, Codebook c, boolean built) {
        if (c == null) {
            out.printf("[codebook] %s: to build%n", quantizer);
        } else if (built) {
            out.printf("[codebook] %s: built codebook %d: %d collisions, encode %.0f s, quantize %.0f s%n", quantizer,
                    c.id(), c.stats().collisions(), c.stats().encodeSeconds(), c.stats().quantizeSeconds());
        } else {
            out.printf("[codebook] %s: codebook %d (L=%d, K=%d)%n", quantizer, c.id(), c.config().levels(),
                    c.config().codebookSize());
        }
    }

    @Override
    public void entry(int index, int total, ExperimentPlan.Entry e, long seed, State state, String detail) {
        if (state == State.FAILED) {
            out.printf("[%d/%d] %s seed %d: %s%n", index, total, e.label(), seed, detail);
            return;
        }
        String what = switch (state) {
            case DONE -> "done";
            case TRAINING -> "training";
            case FINISHED -> "finished";
            case SKIPPED -> "skipped (--only)";
            case TO_DO -> "to do";
            case FAILED -> throw new IllegalStateException();
        };
        String tail = detail == null || detail.isEmpty() ? "" : (state == State.SKIPPED || state == State.TO_DO ? ", " : " (")
                + detail + (state == State.SKIPPED || state == State.TO_DO ? "" : ")");
        if (index == 0) {
            out.printf("[+] %s seed %d: %s%s, reported%n", e.label(), seed, what, tail);
        } else {
            out.printf("[%d/%d] %s seed %d: %s%s%n", index, total, e.label(), seed, what, tail);
        }
    }

    @Override
    public TrainingListener training() {
        return new ConsoleProgress(out);
    }

    @Override
    public JobListener quantization() {
        return ConsoleProgress.job(out);
    }
}
