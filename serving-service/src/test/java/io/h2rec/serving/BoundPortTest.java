package io.h2rec.serving;

import io.h2rec.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gRPC port already bound by another process fails startup with a message naming the port,
 * instead of a service whose HTTP side looks healthy while gRPC answers nothing. The service is
 * launched as users launch it (its main, no arguments: serve). A regression would serve until
 * stopped, so a watchdog ends the test JVM after 5 minutes: the build fails loudly instead of hanging
 * (the assertion does not depend on time; the start takes seconds).
 */
@QuarkusMainTest
@TestProfile(BoundPortTest.PortTaken.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BoundPortTest {
    /** Held open for the whole test JVM; the port goes to the test through a system property. */
    public static class PortTaken implements QuarkusTestProfile {
        private static final ServerSocket TAKEN = open();

        @Override
        public Map<String, String> getConfigOverrides() {
            String port = String.valueOf(TAKEN.getLocalPort());
            System.setProperty("h2rec.test.taken-port", port);
            System.setProperty(FreeGrpcPort.FORCED, port);   // FreeGrpcPort (global) would choose a free one
            return Map.of("quarkus.grpc.server.test-port", port);
        }
    }

    @Test
    void startupFailsWhenTheGrpcPortIsTaken(QuarkusMainLauncher launcher) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(300_000);
                System.err.println("BoundPortTest: serving started on a taken gRPC port and did not stop");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException done) {
                // the launch ended
            }
        }, "bound-port-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LaunchResult result;
        try {
            result = launcher.launch();
        } finally {
            watchdog.interrupt();
        }
        assertNotEquals(0, result.exitCode(), result.getOutput());
        String said = result.getOutput() + result.getErrorOutput();
        assertTrue(said.contains("port " + System.getProperty("h2rec.test.taken-port") + " could not be bound"), said);
    }

    private static ServerSocket open() {
        try {
            return new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
