package io.h2rec.lab;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/** Plaintext loopback channels that carry the bearer token in H2REC_TOKEN (deploy/h2rec passes the local ranker token). */
final class Channels {
    private Channels() {
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
