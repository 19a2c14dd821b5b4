package io.h2rec.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rules are not vacuous: each one rejects a fixture that breaks it. (The fixtures live in
 * test sources only; production checks import without tests.)
 */
class ArchitectureRulesCatchViolationsTest {

    private static void assertViolated(ArchRule rule, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        assertThrows(AssertionError.class, () -> rule.check(classes));
    }

    @Test
    void rule1RejectsADomainClassUsingALibrary() {
        assertViolated(ArchitectureRules.domainDependsOnlyOnJdk(),
                io.h2rec.domain.archfixture.UsesALibrary.class);
    }

    @Test
    void rule2RejectsPortsThatKnowEachOther() {
        assertViolated(ArchitectureRules.portInIndependentOfPortOut(),
                io.h2rec.archfixture.port.in.InPortUsingOutPort.class,
                io.h2rec.archfixture.port.out.OutPort.class);
    }

    @Test
    void rule2RejectsAnOutboundPortThatKnowsAUseCase() {
        assertViolated(ArchitectureRules.portOutIndependentOfPortIn(),
                io.h2rec.archfixture.port.out.OutPortUsingInPort.class,
                io.h2rec.archfixture.port.in.InPort.class);
    }

    @Test
    void rule2RejectsACallBackIntoTheUseCases() {
        assertViolated(ArchitectureRules.useCasesOnTop(),
                io.h2rec.domain.archfixture.CallsAUseCase.class, io.h2rec.domain.service.RunPlanService.class);
    }

    @Test
    void rule2RejectsAnEndpointReadingAStore() {
        assertViolated(ArchitectureRules.endpointsGoThroughUseCases(),
                io.h2rec.archfixture.adapter.in.rest.ReadsAStore.class, io.h2rec.archfixture.port.out.OutPort.class);
    }

    @Test
    void rule2RejectsAnAdapterImportingTheWiring() {
        assertViolated(ArchitectureRules.wiringOnTop(),
                io.h2rec.adapter.out.archfixtureb.UsesTheWiring.class, io.h2rec.wiring.archfixture.Wired.class);
    }

    @Test
    void rule3RejectsTensorFlowOutsideItsAdapter() {
        assertViolated(ArchitectureRules.tensorflowOnlyInItsAdapter(),
                io.h2rec.archfixture.rule3.Rule3Breakers.UsesTensorFlow.class,
                org.tensorflow.archfixture.FakeTensor.class);
    }

    @Test
    void rule3RejectsJpaOutsideItsAdapter() {
        assertViolated(ArchitectureRules.persistenceOnlyInItsAdapter(),
                io.h2rec.archfixture.rule3.Rule3Breakers.UsesJpa.class,
                jakarta.persistence.archfixture.FakeEntityManager.class);
    }

    @Test
    void rule3RejectsProtoStubsOutsideTheGrpcAdapters() {
        assertViolated(ArchitectureRules.protoOnlyInGrpcAdapters(),
                io.h2rec.archfixture.rule3.Rule3Breakers.UsesProto.class,
                io.h2rec.proto.archfixture.FakeMessage.class);
    }

    @Test
    void rule2RejectsAdaptersThatImportEachOther() {
        assertViolated(ArchitectureRules.adaptersIndependent(),
                io.h2rec.adapter.out.archfixturea.AdapterA.class,
                io.h2rec.adapter.out.archfixtureb.AdapterB.class);
    }

    @Test
    void rule2RejectsAnInboundAdapterImportingAnOutboundOne() {
        assertViolated(ArchitectureRules.adaptersIndependent(),
                io.h2rec.adapter.in.archfixture.CliUsingAnOutboundAdapter.class,
                io.h2rec.adapter.out.archfixtureb.AdapterB.class);
    }

    @Test
    void rule6RejectsALoadGeneratorInsideAServer() {
        assertViolated(ArchitectureRules.serversHoldNoLabTools(),
                io.h2rec.serving.archfixture.GrpcLoad.class);
    }

    @Test
    void rule6RejectsAServerLinkingTheLab() {
        assertViolated(ArchitectureRules.serversHoldNoLabTools(),
                io.h2rec.serving.archfixture.UsesTheLab.class, io.h2rec.lab.archfixture.LabTool.class);
    }

    @Test
    void rule6RejectsAnExperimentInsideAServer() {
        assertViolated(ArchitectureRules.serversHoldNoLabTools(),
                io.h2rec.training.archfixture.SearchCommand.class);
        assertViolated(ArchitectureRules.serversHoldNoLabTools(),
                io.h2rec.training.archfixture.LedgerBackfillCommand.class);
    }

    @Test
    void rule6RejectsAServerDrawingCharts() {
        assertViolated(ArchitectureRules.serversHoldNoLabTools(),
                io.h2rec.training.archfixture.DrawsAChart.class, org.jfree.archfixture.FakeChart.class);
    }

    @Test
    void rule4RejectsAServiceUsingAnother() {
        assertViolated(ArchitectureRules.servicesIndependent(),
                io.h2rec.serving.archfixture.ServingUsesTraining.class,
                io.h2rec.training.archfixture.TrainingThing.class);
    }

    @Test
    void rule5RejectsADomainExceptionOutsideDomainError() {
        assertViolated(ArchitectureRules.domainExceptionsInTheDomain(),
                io.h2rec.domain.archfixture.StrayDomainException.class, io.h2rec.domain.error.DomainException.class,
                io.h2rec.domain.error.InvalidInputException.class);
    }

    @Test
    void rule5RejectsAnEndpointThatMapsJdkExceptions() {
        assertViolated(ArchitectureRules.endpointsDoNotMapJdkExceptions(),
                io.h2rec.archfixture.adapter.in.rest.CatchesIllegalArgument.class);
        assertViolated(ArchitectureRules.endpointsDoNotMapJdkExceptions(),
                io.h2rec.archfixture.adapter.in.rest.ThrowsNoSuchElement.class);
    }
}
