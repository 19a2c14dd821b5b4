package io.h2rec.serving.adapter.in.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.proto.serving.v1.GetModelRequest;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankBatchRequest;
import io.h2rec.proto.serving.v1.RankBatchResponse;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.batching.MicroBatcher;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.model.ModelHolder;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * h2rec.serving.v1.RankingService. Requests are checked (INVALID_ARGUMENT with the reason),
 * queued for a scoring worker and answered when scored; the event loop never computes. No model
 * yet: UNAVAILABLE. Nothing a client sends can stop the server.
 */
@GrpcService
public class RankingGrpcService extends RankingServiceGrpc.RankingServiceImplBase {
    private static final Logger LOG = Logger.getLogger(RankingGrpcService.class);

    @Inject
    MicroBatcher batcher;
    @Inject
    ModelHolder holder;
    @Inject
    ServingConfig config;

    @Override
    public void rank(RankRequest request, StreamObserver<RankResponse> observer) {
        RankQuery query;
        try {
            query = ProtoMapper.query(request, config);
            ready();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        batcher.submit(query, Context.current().getDeadline()).whenComplete((ranking, error) -> {
            if (error != null) {
                observer.onError(status(error));
            } else {
                observer.onNext(ProtoMapper.response(ranking));
                observer.onCompleted();
            }
        });
    }

    @Override
    public void rankBatch(RankBatchRequest request, StreamObserver<RankBatchResponse> observer) {
        List<RankQuery> queries = new ArrayList<>(request.getRequestsCount());
        try {
            if (request.getRequestsCount() == 0 || request.getRequestsCount() > config.maxBatch()) {
                throw new IllegalArgumentException("a batch holds 1.." + config.maxBatch() + " requests, got "
                        + request.getRequestsCount());
            }
            for (int i = 0; i < request.getRequestsCount(); i++) {
                try {
                    queries.add(ProtoMapper.query(request.getRequests(i), config));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("requests[" + i + "]: " + e.getMessage());
                }
            }
            ready();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        var deadline = Context.current().getDeadline();
        List<CompletableFuture<Ranking>> futures = queries.stream().map(q -> batcher.submit(q, deadline)).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                observer.onError(status(error));
                return;
            }
            RankBatchResponse.Builder b = RankBatchResponse.newBuilder();
            futures.forEach(f -> b.addResponses(ProtoMapper.response(f.join())));
            observer.onNext(b.build());
            observer.onCompleted();
        });
    }

    @Override
    public void getModel(GetModelRequest request, StreamObserver<ModelInfo> observer) {
        ServingModel m = holder.current();
        if (m == null) {
            observer.onError(Status.UNAVAILABLE.withDescription("no model version is loaded yet").asRuntimeException());
            return;
        }
        observer.onNext(ProtoMapper.model(m, config));
        observer.onCompleted();
    }

    private void ready() {
        if (holder.current() == null) {
            throw Status.UNAVAILABLE.withDescription("no model version is loaded yet").asRuntimeException();
        }
    }

    private static StatusRuntimeException status(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof TimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof IllegalStateException) {
            return Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        }
        LOG.error("ranking failed", e);
        return Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage()).asRuntimeException();
    }
}
