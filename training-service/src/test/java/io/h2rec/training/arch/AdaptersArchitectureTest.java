package io.h2rec.training.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.h2rec.arch.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules 2 (2e: not the wiring either), 3 and 5b on the adapters' production classes, every adapter module at once: training runs
 * them all, so its test classpath is where their packages can be checked against one another (Maven keeps
 * the modules apart at compile time: no adapter module depends on another).
 */
class AdaptersArchitectureTest {
    static JavaClasses adapters;

    @BeforeAll
    static void load() {
        adapters = ArchitectureRules.productionClasses("io.h2rec.adapter");
    }

    @Test
    void adaptersDoNotImportEachOther() {
        ArchitectureRules.adaptersIndependent().check(adapters);
    }

    @Test
    void adaptersDoNotImportTheWiring() {
        ArchitectureRules.wiringOnTop().check(adapters);
    }

    @Test
    void adaptersNeverCallUseCases() {
        ArchitectureRules.useCasesOnTop().check(adapters);
    }

    @Test
    void technologiesStayInTheirAdapters() {
        ArchitectureRules.tensorflowOnlyInItsAdapter().check(adapters);
        ArchitectureRules.persistenceOnlyInItsAdapter().check(adapters);
        ArchitectureRules.protoOnlyInGrpcAdapters().check(adapters);
    }

    @Test
    void endpointsThrowTheDomainsErrorKinds() {
        ArchitectureRules.endpointsDoNotMapJdkExceptions().check(adapters);
    }
}
