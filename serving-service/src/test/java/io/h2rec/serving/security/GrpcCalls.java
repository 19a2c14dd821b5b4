package io.h2rec.serving.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Any gRPC method called with a given authorization header (or none), reduced to the status it answers. */
final class GrpcCalls {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private GrpcCalls() {
    }

    static Channel withAuthorization(Channel channel, String authorization) {
        if (authorization == null) {
            return channel;
        }
        Metadata headers = new Metadata();
        headers.put(GrpcAuthInterceptor.AUTHORIZATION, authorization);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The status of one call of {@code method} with an empty request (OK when it answered). */
    static Status.Code call(Channel channel, String method, MethodDescriptor.MethodType type, String authorization)
            throws Exception {
        MethodDescriptor<byte[], byte[]> md = MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName(method).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        Channel c = withAuthorization(channel, authorization);
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (type == MethodDescriptor.MethodType.UNARY) {
            try {
                ClientCalls.blockingUnaryCall(c, md, options, new byte[0]);
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        }
        CompletableFuture<Status.Code> done = new CompletableFuture<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(c.newCall(md, options), new StreamObserver<>() {
            @Override
            public void onNext(byte[] value) {
                done.complete(Status.Code.OK);
            }

            @Override
            public void onError(Throwable t) {
                done.complete(Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
                done.complete(Status.Code.OK);
            }
        });
        requests.onNext(new byte[0]);
        Status.Code code = done.get(10, TimeUnit.SECONDS);
        requests.onCompleted();
        return code;
    }
}
