package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.ConsoleProgress;
import io.h2rec.domain.error.ConflictException;
import io.h2rec.domain.model.Run;
import io.h2rec.domain.port.in.TrainModelUseCase;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Continues an INTERRUPTED or FAILED run from its last checkpoint, in this process (any host sharing the artifacts). */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an INTERRUPTED or FAILED run from its last checkpoint here, to its end "
                + "(the same as POST /api/v1/runs/{id}/resume, executed by this command instead of a service).")
@Dependent
@Unremovable
public class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "the run id")
    long runId;

    @Inject
    TrainModelUseCase training;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Run queued = training.resume(runId);
        out.printf("run %d: attempt %d, continuing from its last checkpoint%n", runId, queued.attempt());
        Run run;
        try {
            run = training.execute(runId, new ConsoleProgress(out));
        } catch (ConflictException e) {
            out.printf("run %d was taken up by another process (a service): %s%n", runId, e.getMessage());
            return 1;
        }
        out.printf("run %d: %s%s%n", runId, run.status(), run.error() == null ? "" : " — " + run.error());
        return run.status().name().equals("SUCCEEDED") ? 0 : 1;
    }
}
