package io.h2rec.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The four rules of docs/architecture (../shared/docs/architecture.md), shared by every module's
 * ArchitectureTest through the domain test-jar. Each rule is proven able to fail by
 * ArchitectureRulesCatchViolationsTest on deliberately broken fixtures.
 */
public final class ArchitectureRules {
    public static final String ROOT = "io.h2rec";
    public static final String[] SERVICES = {"quantizer", "training", "serving"};

    private ArchitectureRules() {
    }

    /**
     * Production classes of the given packages: test classes and test-jars (which hold the rules'
     * deliberately broken fixtures) are left out.
     */
    public static JavaClasses productionClasses(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(packages);
    }

    /** Rule 1: the domain depends only on the JDK and itself. */
    public static ArchRule domainDependsOnlyOnJdk() {
        return classes().that().resideInAPackage("io.h2rec.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.h2rec.domain..")
                .because("the domain is pure Java 17 (rule 1)");
    }

    /** Rule 2a: inbound and outbound ports do not depend on each other. */
    public static ArchRule portInIndependentOfPortOut() {
        return noClasses().that().resideInAPackage("..port.in..")
                .should().dependOnClassesThat().resideInAPackage("..port.out..")
                .because("use cases and outbound ports are independent (rule 2)");
    }

    public static ArchRule portOutIndependentOfPortIn() {
        return noClasses().that().resideInAPackage("..port.out..")
                .should().dependOnClassesThat().resideInAPackage("..port.in..")
                .because("use cases and outbound ports are independent (rule 2)");
    }

    /**
     * Rule 2c: use cases (domain.service) are the top of the domain: the domain's algorithms and model
     * and the adapters never call into them; side inputs are computed by a use case and passed in.
     */
    public static ArchRule useCasesOnTop() {
        return noClasses().that().resideInAnyPackage("io.h2rec.domain..", "io.h2rec.adapter..")
                .and().resideOutsideOfPackage("io.h2rec.domain.service..")
                .should().dependOnClassesThat().resideInAPackage("io.h2rec.domain.service..")
                .because("use cases sit on top; nothing below them calls back into them (rule 2)");
    }

    /** Rule 2b: adapter packages do not import each other. */
    public static ArchRule adaptersIndependent() {
        return slices().matching("io.h2rec.adapter.out.(*)..").should().notDependOnEachOther()
                .because("adapters do not depend on each other (rule 2)");
    }

    /** Rule 3: TensorFlow only in adapter.out.tensorflow. */
    public static ArchRule tensorflowOnlyInItsAdapter() {
        return noClasses().that().resideOutsideOfPackage("io.h2rec.adapter.out.tensorflow..")
                .and().resideInAPackage("io.h2rec..")
                .should().dependOnClassesThat().resideInAPackage("org.tensorflow..")
                .because("org.tensorflow is confined to adapter.out.tensorflow (rule 3)");
    }

    /** Rule 3: JPA and Hibernate only in adapter.out.persistence. */
    public static ArchRule persistenceOnlyInItsAdapter() {
        return noClasses().that().resideOutsideOfPackage("io.h2rec.adapter.out.persistence..")
                .and().resideInAPackage("io.h2rec..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .because("JPA/Hibernate are confined to adapter.out.persistence (rule 3)");
    }

    /** Rule 3: generated protobuf classes only in the gRPC adapters: servers (adapter.in.grpc, with their mappers) and clients (adapter.out.grpc). */
    public static ArchRule protoOnlyInGrpcAdapters() {
        return noClasses().that().resideOutsideOfPackages("io.h2rec.proto..", "..adapter.in.grpc..", "..adapter.out.grpc..")
                .and().resideInAPackage("io.h2rec..")
                .should().dependOnClassesThat().resideInAPackage("io.h2rec.proto..")
                .because("generated stubs are confined to the gRPC adapters (rule 3)");
    }

    /** Rule 4: the three services do not depend on one another. */
    public static ArchRule servicesIndependent() {
        return slices().matching("io.h2rec.(quantizer|training|serving)..").should().notDependOnEachOther()
                .because("the services do not depend on one another (rule 4)");
    }

    /** Rules 3 and 4 for one service's production classes: the whole ArchitectureTest of a service. */
    public static void checkService(String servicePackage) {
        JavaClasses service = productionClasses(servicePackage);
        tensorflowOnlyInItsAdapter().check(service);
        persistenceOnlyInItsAdapter().check(service);
        protoOnlyInGrpcAdapters().check(service);
        servicesIndependent().check(productionClasses("io.h2rec.training", "io.h2rec.quantizer", "io.h2rec.serving"));
    }
}
