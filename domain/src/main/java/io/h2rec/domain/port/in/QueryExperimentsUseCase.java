package io.h2rec.domain.port.in;

import io.h2rec.domain.model.Experiment;
import io.h2rec.domain.model.Run;

import java.util.List;

/** Reads of the experiment registry. */
public interface QueryExperimentsUseCase {
    /** Every experiment, oldest first. */
    List<Experiment> experiments();

    /** @throws io.h2rec.domain.error.NotFoundException unknown experiment */
    Experiment experiment(long id);

    /**
     * The experiment's runs, oldest first.
     *
     * @throws io.h2rec.domain.error.NotFoundException unknown experiment
     */
    List<Run> runs(long experimentId);
}
