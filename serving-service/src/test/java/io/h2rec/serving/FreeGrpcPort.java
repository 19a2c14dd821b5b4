package io.h2rec.serving;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A free port for each test application's gRPC server, and the test clients pointed at it: tests
 * never collide with each other, a running service or another worktree's tests on a fixed port.
 */
public class FreeGrpcPort implements QuarkusTestResourceLifecycleManager {
    /** A test profile that needs a particular port (BoundPortTest) sets it here; it applies once. */
    public static final String FORCED = "h2rec.test.grpc-port";

    @Override
    public Map<String, String> start() {
        String forced = System.clearProperty(FORCED);
        String port = forced != null ? forced : String.valueOf(free());
        return Map.of("quarkus.grpc.server.test-port", port, "quarkus.grpc.clients.ranking.port", port);
    }

    @Override
    public void stop() {
    }

    /** The port the running test application's gRPC server listens on. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    }

    static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
