package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.UnavailableException;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankBatchRequest;
import io.h2rec.proto.serving.v1.RankBatchResponse;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.batching.MicroBatcher;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.metrics.ServingMetrics;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.serving.model.Routing;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * h2rec.serving.v1.RankingService (registered by {@link RankingEndpoint}). Requests are checked
 * (INVALID_ARGUMENT with the reason), admitted or refused at once (RESOURCE_EXHAUSTED with a retry hint in
 * the {@code grpc-retry-pushback-ms} trailer), queued for a scoring worker and answered when
 * scored; the event loop never computes. No model yet: UNAVAILABLE. Each request is routed on arrival
 * to a variant of the deployment (its user key's alias, or the alias it names) and answered by that
 * variant's model, which the response names. Nothing a client sends can stop the server or flood its log.
 */
@Singleton
public class RankingGrpcService implements RankingServiceGrpc.AsyncService {
    private static final String NO_MODEL = "no model version is loaded yet";

    @Inject
    MicroBatcher batcher;
    @Inject
    ModelHolder holder;
    @Inject
    ServingConfig config;
    @Inject
    ServingMetrics metrics;

    @Override
    public void rank(RankRequest request, StreamObserver<RankResponse> observer) {
        long arrived = System.nanoTime();
        CompletableFuture<Ranking> future;
        Routing.Variant variant;
        try {
            RankQuery query = ProtoMapper.query(request, config);
            variant = ProtoMapper.variant(request.getUserKey(), request.getAlias(), routing());
            future = batcher.submit(new MicroBatcher.Job(query, variant.model()), deadline());
        } catch (RuntimeException e) {
            observer.onError(status(e));
            return;
        }
        future.whenComplete((ranking, error) -> {
            if (error != null) {
                observer.onError(status(error));
                return;
            }
            RankResponse response;
            try {
                response = ProtoMapper.response(ranking, variant.alias());
            } catch (RuntimeException e) {   // the call ends with a status, never left open
                observer.onError(status(e));
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
            long nanos = System.nanoTime() - arrived;
            metrics.answered(nanos);
            variant.meters().answered(nanos, ranking.popularityFallback());
        });
    }

    @Override
    public void rankBatch(RankBatchRequest request, StreamObserver<RankBatchResponse> observer) {
        long arrived = System.nanoTime();
        List<CompletableFuture<Ranking>> futures;
        List<Routing.Variant> variants = new ArrayList<>(request.getRequestsCount());
        try {
            if (request.getRequestsCount() == 0 || request.getRequestsCount() > config.maxBatch()) {
                throw new InvalidInputException("requests", "a batch holds 1.." + config.maxBatch()
                        + " requests, got " + request.getRequestsCount());
            }
            Routing routing = routing();
            List<MicroBatcher.Job> jobs = new ArrayList<>(request.getRequestsCount());
            for (int i = 0; i < request.getRequestsCount(); i++) {
                try {
                    RankQuery query = ProtoMapper.query(request.getRequests(i), config);
                    variants.add(ProtoMapper.variant(request.getRequests(i).getUserKey(),
                            request.getRequests(i).getAlias(), routing));
                    jobs.add(new MicroBatcher.Job(query, variants.get(i).model()));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("requests[" + i + "]." + e.field(), "requests[" + i + "]: "
                            + e.getMessage());
                }
            }
            futures = batcher.submitAll(jobs, deadline());
        } catch (RuntimeException e) {
            observer.onError(status(e));
            return;
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                observer.onError(status(error));
                return;
            }
            RankBatchResponse.Builder b = RankBatchResponse.newBuilder();
            try {
                for (int i = 0; i < futures.size(); i++) {
                    b.addResponses(ProtoMapper.response(futures.get(i).join(), variants.get(i).alias()));
                }
            } catch (RuntimeException e) {   // the call ends with a status, never left open
                observer.onError(status(e));
                return;
            }
            observer.onNext(b.build());
            observer.onCompleted();
            long nanos = System.nanoTime() - arrived;
            metrics.answered(nanos);
            for (int i = 0; i < futures.size(); i++) {
                variants.get(i).meters().answered(nanos, futures.get(i).join().popularityFallback());
            }
        });
    }

    @Override
    public void getModel(GetModelRequest request, StreamObserver<ModelInfo> observer) {
        ModelInfo info;
        try {
            Routing routing = routing();
            Routing.Variant v = request.getAlias().isEmpty() ? routing.primary()
                    : ProtoMapper.variant("", request.getAlias(), routing);
            info = ProtoMapper.model(routing, v, config);
        } catch (RuntimeException e) {
            observer.onError(status(e));
            return;
        }
        observer.onNext(info);
        observer.onCompleted();
    }

    private static Deadline deadline() {
        return Context.current().getDeadline();
    }

    /** What requests are routed by now. @throws UnavailableException before the first model is loaded */
    private Routing routing() {
        Routing r = holder.routing();
        if (r == null) {
            throw new UnavailableException(NO_MODEL);
        }
        return r;
    }

    /** Every failure as a status ({@link GrpcErrors}), counted (the batcher counts its own refusals). */
    private StatusRuntimeException status(Throwable error) {
        StatusRuntimeException s = GrpcErrors.status(error);
        Status.Code code = s.getStatus().getCode();
        if (code != Status.Code.RESOURCE_EXHAUSTED && code != Status.Code.DEADLINE_EXCEEDED) {
            metrics.rejected(GrpcErrors.tag(s.getStatus()));
        }
        return s;
    }
}
