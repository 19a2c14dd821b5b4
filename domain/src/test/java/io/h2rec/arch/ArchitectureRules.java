package io.h2rec.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.h2rec.domain.error.DomainException;

import java.util.Set;

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

    /**
     * Rule 2d: REST resources reach the domain through its use cases (port.in), reads included: they
     * never hold an outbound port (a store) themselves. (Serving's gRPC mapper reads the loaded
     * RankingModel's limits, an out-port type held by ServingModel, so gRPC is not covered yet.)
     */
    public static ArchRule endpointsGoThroughUseCases() {
        return noClasses().that().resideInAPackage("..adapter.in.rest..")
                .should().dependOnClassesThat().resideInAPackage("..port.out..")
                .because("REST resources call use cases, and use cases call the stores (rule 2)")
                .allowEmptyShould(true); // serving has no REST resources
    }

    /**
     * Rule 2b: adapter packages, inbound and outbound, do not import each other. Each technology is its
     * own Maven module under adapters/ (persistence, tensorflow, inference, textencoder, files, web, cli),
     * so a service depends on exactly what it runs; this rule keeps the packages apart inside a module
     * too (files holds dataset, artifacts, results and runtime; web holds rest and security).
     */
    public static ArchRule adaptersIndependent() {
        return slices().matching("io.h2rec.adapter.(*).(*)..").should().notDependOnEachOther()
                .because("adapters do not depend on each other (rule 2)");
    }

    /**
     * Rule 2e: the wiring (io.h2rec.wiring: the training use cases built over their adapters, shared by
     * the training service and the lab) sits on top: neither the domain nor an adapter imports it.
     */
    public static ArchRule wiringOnTop() {
        return noClasses().that().resideInAnyPackage("io.h2rec.domain..", "io.h2rec.adapter..")
                .should().dependOnClassesThat().resideInAPackage("io.h2rec.wiring..")
                .because("the wiring builds the use cases over the adapters; nothing below it knows it (rule 2)");
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

    /** Rule 5a: the error vocabulary's kinds are declared in the domain, in domain.error (adapters may refine one). */
    public static ArchRule domainExceptionsInTheDomain() {
        return classes().that().areAssignableTo(DomainException.class).and().resideInAPackage("io.h2rec.domain..")
                .should().resideInAPackage("io.h2rec.domain.error")
                .because("the domain's error vocabulary lives in one package, mapped once per protocol (rule 5)");
    }

    /** The JDK's generic exceptions: a bug when they escape, never an answer to a client. */
    static final Set<String> JDK_GENERIC = Set.of(IllegalArgumentException.class.getName(),
            IllegalStateException.class.getName(), java.util.NoSuchElementException.class.getName());

    /**
     * Rule 5b: REST and gRPC endpoints neither throw the JDK's generic exceptions nor catch them to
     * answer a client: they throw the domain's kinds, and one mapper per protocol turns those into
     * statuses (a JDK exception that escapes is a 500 / INTERNAL).
     */
    public static ArchRule endpointsDoNotMapJdkExceptions() {
        return classes().that().resideInAnyPackage("..adapter.in.rest..", "..adapter.in.grpc..")
                .should(new ArchCondition<JavaClass>("neither throw nor catch IllegalArgument/IllegalState/NoSuchElement "
                        + "exceptions") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (JavaCodeUnit unit : c.getCodeUnits()) {
                            for (TryCatchBlock block : unit.getTryCatchBlocks()) {
                                block.getCaughtThrowables().stream().filter(t -> JDK_GENERIC.contains(t.getName()))
                                        .forEach(t -> events.add(SimpleConditionEvent.violated(c, unit.getFullName()
                                                + " catches " + t.getSimpleName() + " " + block.getSourceCodeLocation())));
                            }
                            for (JavaConstructorCall call : unit.getConstructorCallsFromSelf()) {
                                if (JDK_GENERIC.contains(call.getTargetOwner().getName())) {
                                    events.add(SimpleConditionEvent.violated(c, unit.getFullName() + " creates "
                                            + call.getTargetOwner().getSimpleName() + " " + call.getSourceCodeLocation()));
                                }
                            }
                        }
                    }
                })
                .because("endpoints throw the domain's error kinds and one mapper per protocol answers (rule 5)");
    }

    /**
     * Rule 6: the servers hold no lab tools. Load generators, benchmarks and profilers are clients in
     * their own process, and the experiments (reproduce, search, speed, the run ledger's commands, with the
     * reports' charts) are the lab's commands: all in the lab module (io.h2rec.lab). A server neither
     * contains one nor links the lab or its measuring and charting libraries (HdrHistogram, JFreeChart).
     */
    public static ArchRule serversHoldNoLabTools() {
        return noClasses().that().resideInAnyPackage("io.h2rec.quantizer..", "io.h2rec.training..", "io.h2rec.serving..")
                .should().haveSimpleNameEndingWith("Bench")
                .orShould().haveSimpleNameEndingWith("Load")
                .orShould().haveSimpleNameEndingWith("LoadGenerator")
                .orShould().haveSimpleNameEndingWith("Profiler")
                .orShould().haveNameMatching(".*\\.(Reproduce|Search|Speed|Ledger\\w*)Command")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.h2rec.lab..", "org.HdrHistogram..", "org.jfree..")
                .because("load generators, benchmarks, profilers and experiments live in the lab module, not in a server "
                        + "(rule 6)");
    }

    /** Rules 2d, 3, 4, 5b and 6 for one service's production classes: the whole ArchitectureTest of a service. */
    public static void checkService(String servicePackage) {
        JavaClasses service = productionClasses(servicePackage);
        endpointsGoThroughUseCases().check(service);
        tensorflowOnlyInItsAdapter().check(service);
        persistenceOnlyInItsAdapter().check(service);
        protoOnlyInGrpcAdapters().check(service);
        endpointsDoNotMapJdkExceptions().check(service);
        serversHoldNoLabTools().check(service);
        servicesIndependent().check(productionClasses("io.h2rec.training", "io.h2rec.quantizer", "io.h2rec.serving"));
    }
}
