package io.h2rec.serving.adapter.in.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Request bytes that are not a valid message are the client's error: INVALID_ARGUMENT with the
 * parser's reason. grpc-java parses a request before the service sees it and, when that fails,
 * answers UNKNOWN and logs a stack trace per call. Here the service takes the raw bytes and the
 * parse happens inside the call, where its failure is caught and answered. The bytes are copied
 * out of the transport's buffer first: Quarkus may deliver a message on another thread after
 * grpc-java has released that buffer (requests and answers are a few hundred bytes).
 */
final class InvalidBytes {
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

    private InvalidBytes() {
    }

    /** The same service, answering unparseable requests with INVALID_ARGUMENT; {@code refused} hears of each. */
    static ServerServiceDefinition answered(ServerServiceDefinition service, Consumer<String> refused) {
        ServerInterceptor guard = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                return new Guard<>(next.startCall(call, headers), call, refused);
            }
        };
        return ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(service, BYTES, BYTES), guard);
    }

    /** Parses on onMessage (the wrapped listener does); a failure closes the call and silences the rest. */
    private static final class Guard<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, ?> call;
        private final Consumer<String> refused;
        private boolean closed;

        Guard(ServerCall.Listener<Q> delegate, ServerCall<Q, ?> call, Consumer<String> refused) {
            super(delegate);
            this.call = call;
            this.refused = refused;
        }

        @Override
        public void onMessage(Q message) {
            if (closed) {
                return;
            }
            try {
                super.onMessage(message);
            } catch (RuntimeException e) {
                closed = true;
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String reason = "the request bytes are not a valid " + call.getMethodDescriptor().getFullMethodName()
                        + " request: " + cause.getMessage();
                refused.accept(reason);
                call.close(Status.INVALID_ARGUMENT.withDescription(reason), new Metadata());
            }
        }

        @Override
        public void onHalfClose() {
            if (!closed) {
                super.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!closed) {
                super.onReady();
            }
        }
    }
}
