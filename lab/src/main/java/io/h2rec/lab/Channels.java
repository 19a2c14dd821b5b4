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
        String token = System.getenv("H2REC_TOKEN");
        if (token != null && !token.isBlank()) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.trim());
            b.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return b.build();
    }
}
