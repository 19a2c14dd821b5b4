package io.h2rec.serving.adapter.in.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.metrics.ServingMetrics;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The ranking service as the gRPC server sees it: {@link RankingGrpcService} with requests whose
 * bytes do not parse answered INVALID_ARGUMENT ({@link InvalidBytes}), counted and logged as one
 * line at most every 10 s. (Quarkus takes every BindableService bean as a service of its own, so the
 * implementation is a plain AsyncService bean and this is the one registered.)
 */
@GrpcService
public class RankingEndpoint implements BindableService {
    private static final RateLimitedLog BAD_BYTES = new RateLimitedLog(Logger.getLogger(RankingEndpoint.class),
            Duration.ofSeconds(10));

    @Inject
    RankingGrpcService ranking;
    @Inject
    ServingMetrics metrics;

    @Override
    public ServerServiceDefinition bindService() {
        return InvalidBytes.answered(RankingServiceGrpc.bindService(ranking), reason -> {
            metrics.rejected("invalid_bytes");
            BAD_BYTES.warn("refused a request: " + reason);
        });
    }
}
