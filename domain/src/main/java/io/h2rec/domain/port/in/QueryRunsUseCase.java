package io.h2rec.domain.port.in;

import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Run;

import java.util.List;

/** Reads of runs: status and progress, metrics, and runs side by side. */
public interface QueryRunsUseCase {
    /** @throws io.h2rec.domain.error.NotFoundException unknown run */
    Run run(long id);

    /**
     * Every number of the run (none until it SUCCEEDED).
     *
     * @throws io.h2rec.domain.error.NotFoundException unknown run
     */
    List<MetricValue> metrics(long runId);

    /**
     * The run's learning curve so far, epoch by epoch (also while it runs).
     *
     * @throws io.h2rec.domain.error.NotFoundException unknown run
     */
    List<EpochPoint> epochs(long runId);

    /** @throws io.h2rec.domain.error.NotFoundException one of the runs is unknown */
    RunComparison compare(CompareRunsQuery query);
}
