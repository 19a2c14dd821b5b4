package io.h2rec.training.arch;

import io.h2rec.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Rules 3, 4 and 6 on this service's production classes. */
class TrainingArchitectureTest {
    @Test
    void technologiesStayInTheirAdaptersAndServicesApart() {
        ArchitectureRules.checkService("io.h2rec.training");
    }
}
