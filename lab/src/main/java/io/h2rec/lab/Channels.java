package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/** Plaintext loopback channels that carry the bearer token in H2REC_TOKEN (deploy/h2rec passes the local ranker token). */
final class Channels {
    /** gRPC's INFO lines (its transport probing) are not for the people reading a command's output; held, or JUL drops the level. */
    private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

    static {
        GRPC_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private Channels() {
    }

    /** A --target value: HOST:PORT, else the one-line mistake. */
    static void checkTarget(String option, String hostPort) {
        if (!hostPort.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, got '" + hostPort + "'");
        }
    }

    /** A channel to a checked HOST:PORT. */
    static ManagedChannel open(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return open(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    static ManagedChannel open(String host, int port) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(host, port).usePlaintext();
        BearerTokens.authorization(BearerTokens.RANKER).ifPresent(bearer -> {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), bearer);
            b.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        });
        return b.build();
    }
}
