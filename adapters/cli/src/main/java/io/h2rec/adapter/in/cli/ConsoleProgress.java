package io.h2rec.adapter.in.cli;

import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.TrainingListener;

import java.io.PrintStream;

/** Progress of a training on the console, one line per report (the training commands: pipeline, resume, speed, sweeps). */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;

    public ConsoleProgress(PrintStream out) {
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

    /** A long job's stages, nested under the run's lines. */
    public static StageProgress job(PrintStream out) {
        return new StageProgress(out, "        ");
    }

    /** The line that says where training runs, once per command, before its first training. */
    public static String deviceLine(String device) {
        return "training on " + device + (device.contains("GPU") ? "" : "; no GPU found");
    }
}
