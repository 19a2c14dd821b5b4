package io.h2rec.training.adapter.in.cli;

import io.h2rec.domain.model.JobListener;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.TrainingListener;

import java.io.PrintStream;

/** Progress of a job on the console, one line per report. */
final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(RunProgress p) {
        if (p.maxEpochs() > 0) {
            out.printf("      epoch %d/%d  loss %.4f  valid NDCG@10 %.4f  (best %.4f @ %d)  %.1f s/epoch%n",
                    p.epoch(), p.maxEpochs(), p.loss(), p.validationNdcg(), p.bestValidationNdcg(), p.bestEpoch(),
                    p.secondsPerEpoch());
        } else {
            out.printf("      %s%n", p.message());
        }
    }

    /** A long job's stages, a line when the stage changes and every 10% within it. */
    static final class Job implements JobListener {
        private final PrintStream out;
        private String stage = "";
        private long decile = -1;

        Job(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void progress(String stage, long done, long total) {
            long d = total > 0 ? done * 10 / total : 0;
            if (!stage.equals(this.stage) || d != decile) {
                out.printf("        %s %s%n", stage, total > 0 ? done + "/" + total : "");
                this.stage = stage;
                this.decile = d;
            }
        }
    }
}
