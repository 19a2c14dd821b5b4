package io.h2rec.wiring;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.h2rec.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * Rule 3 on the wiring: it builds use cases over adapters and holds no technology itself (TensorFlow, JPA
 * and the proto stubs stay in their adapters). That nothing below imports it (rule 2e) is checked on
 * every adapter at once, in training-service's AdaptersArchitectureTest.
 */
class WiringArchitectureTest {
    @Test
    void technologiesStayInTheirAdapters() {
        JavaClasses wiring = ArchitectureRules.productionClasses("io.h2rec.wiring");
        ArchitectureRules.tensorflowOnlyInItsAdapter().check(wiring);
        ArchitectureRules.persistenceOnlyInItsAdapter().check(wiring);
        ArchitectureRules.protoOnlyInGrpcAdapters().check(wiring);
    }
}
