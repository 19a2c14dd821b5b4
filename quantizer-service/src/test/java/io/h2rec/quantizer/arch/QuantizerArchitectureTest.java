package io.h2rec.quantizer.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.h2rec.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Rules 3 and 4 on this service's production classes. */
class QuantizerArchitectureTest {
    static final JavaClasses CLASSES = ArchitectureRules.productionClasses("io.h2rec.quantizer");

    @Test
    void technologiesStayInTheirAdapters() {
        ArchitectureRules.tensorflowOnlyInItsAdapter().check(CLASSES);
        ArchitectureRules.persistenceOnlyInItsAdapter().check(CLASSES);
        ArchitectureRules.protoOnlyInGrpcAdapters().check(CLASSES);
    }

    @Test
    void doesNotDependOnOtherServices() {
        ArchitectureRules.servicesIndependent().check(
                ArchitectureRules.productionClasses("io.h2rec.training", "io.h2rec.quantizer", "io.h2rec.serving"));
    }
}
