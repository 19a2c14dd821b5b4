package io.h2rec.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules 1 and 2 on the domain's production classes. */
class ArchitectureTest {
    static JavaClasses domain;

    @BeforeAll
    static void load() {
        domain = ArchitectureRules.productionClasses("io.h2rec.domain");
    }

    @Test
    void domainDependsOnlyOnJdk() {
        ArchitectureRules.domainDependsOnlyOnJdk().check(domain);
    }

    @Test
    void portsAreIndependent() {
        ArchitectureRules.portInIndependentOfPortOut().check(domain);
        ArchitectureRules.portOutIndependentOfPortIn().check(domain);
    }

    @Test
    void useCasesAreTheTop() {
        ArchitectureRules.useCasesOnTop().check(domain);
    }

    @Test
    void errorKindsLiveInDomainError() {
        ArchitectureRules.domainExceptionsInTheDomain().check(domain);
    }
}
