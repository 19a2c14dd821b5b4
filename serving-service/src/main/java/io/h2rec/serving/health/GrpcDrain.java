package io.h2rec.serving.health;

import io.grpc.Server;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.security.ShutdownGate;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.grpc.VertxServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops the gRPC server taking new calls at the first moment of a shutdown, while everything behind it still
 * works, and lets the calls it has taken finish (for at most {@code h2rec.serving.drain-timeout}); then closes the
 * front door ({@link ShutdownGate}), which answers anything that still gets through UNAVAILABLE with a reason.
 *
 * <p>Why: Quarkus' separate gRPC server (Vert.x's {@code VertxServer}) stops in the wrong order. Its verticle
 * first forgets its event-loop context and only later shuts the Netty server, so for 0.1–0.8 s a new call on an
 * open connection finds no context ({@code IndexOutOfBoundsException} at VertxServer.java:97) and the client is
 * answered INTERNAL "Received RST_STREAM with error code 2" — 20 to 402 calls per SIGTERM under load, 2 for a
 * single client (an attack from outside, 2026-12-02: docs/serving.md, "Shutdown"). Shutting the gRPC server down
 * here, before that, sends GOAWAY on every connection: a stream the client opens after it has read the GOAWAY goes
 * to a new connection, refused once the listener is closed (UNAVAILABLE; gRPC clients retry a refused stream on
 * their own, other failures only under a retry policy); the calls taken, including those opened before the client
 * read the GOAWAY, are answered while every bean still works.
 *
 * <p>Quarkus exposes no handle on that server, so it is found through Vert.x's deployments and the verticle's
 * field; {@code GrpcDrainTest} fails the build if an upgrade moves it. Not found: the shutdown goes on as before,
 * with a warning.
 */
@Singleton
public class GrpcDrain {
    private static final Logger LOG = Logger.getLogger(GrpcDrain.class);
    static final String VERTICLE = "io.quarkus.grpc.runtime.GrpcServerRecorder$GrpcServerVerticle";

    @Inject
    Vertx vertx;
    @Inject
    ServingConfig config;
    @Inject
    ShutdownGate gate;

    /** The first shutdown step (priority 1): drain while every bean works, then close the front door. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        try {
            if (LaunchMode.current() != LaunchMode.DEVELOPMENT) { // dev mode's server is reused across reloads
                drain();
            }
        } finally {
            gate.close();
        }
    }

    /** Stops taking calls, then waits for the calls taken; how many servers it stopped. */
    int drain() {
        List<Server> servers = servers();
        if (servers.isEmpty()) {
            LOG.warn("no gRPC server found to drain at shutdown: calls arriving while it stops may be answered INTERNAL");
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + config.drainTimeout().toNanos();
        // Server.shutdown() waits for the listener to close without a bound: off this thread, so a stuck event
        // loop cannot hold the shutdown past the drain timeout.
        Thread stopper = new Thread(() -> servers.forEach(Server::shutdown), "grpc-drain");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(Math.max(1, config.drainTimeout().toMillis()));
            for (Server server : servers) {
                long left = deadline - System.nanoTime();
                if (stopper.isAlive() || left <= 0 || !server.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    LOG.infof("gRPC connections or calls still open after the drain timeout (%s); shutting down anyway",
                            config.drainTimeout());
                    return servers.size();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return servers.size();
        }
        LOG.infof("gRPC drained: no new calls taken, the open ones answered, in %d ms", (System.nanoTime() - start) / 1_000_000);
        return servers.size();
    }

    /** The running gRPC servers (one, shared by every server verticle); empty when they cannot be found. */
    List<Server> servers() {
        Set<Server> found = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            VertxInternal internal = (VertxInternal) vertx;
            for (String id : vertx.deploymentIDs()) {
                Deployment deployment = internal.getDeployment(id);
                if (deployment == null) {
                    continue;
                }
                for (Verticle verticle : deployment.getVerticles()) {
                    if (!verticle.getClass().getName().equals(VERTICLE)) {
                        continue;
                    }
                    Field field = verticle.getClass().getDeclaredField("grpcServer");
                    field.setAccessible(true);
                    Object server = field.get(verticle);
                    if (server instanceof VertxServer vertxServer) {
                        found.add(vertxServer.getRawServer());
                    } else if (server instanceof Server plain) {
                        found.add(plain);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("cannot reach the gRPC server to drain it (%s)", e);
            return List.of();
        }
        return new ArrayList<>(found);
    }
}
