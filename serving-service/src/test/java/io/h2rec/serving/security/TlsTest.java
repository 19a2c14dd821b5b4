package io.h2rec.serving.security;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.h2rec.adapter.in.security.Roles;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS from a configured PEM certificate and key (H2REC_TLS_CERT, H2REC_TLS_KEY, H2REC_HTTP_PLAINTEXT
 * =disabled): HTTPS and gRPC over TLS answer a client that trusts the certificate, plaintext does
 * not. The self-signed pair is made here with the JDK's keytool (issue 18).
 */
@QuarkusTest
@TestProfile(TlsTest.Tls.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class TlsTest {
    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = SelfSigned.dir();
            return Map.of("H2REC_TLS_CERT", dir.resolve("tls.crt").toString(), "H2REC_TLS_KEY",
                    dir.resolve("tls.key").toString(), "H2REC_HTTP_PLAINTEXT", "disabled", "quarkus.http.test-ssl-port", "0");
        }
    }

    @TestHTTPResource(value = "/q/health/live", tls = true)
    URL health;

    @Test
    void httpsAnswersAClientThatTrustsTheCertificateAndPlainHttpIsNotServed() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(SelfSigned.trusting()).build();
        assertTrue(health.toString().startsWith("https://"), health.toString());
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(health.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        HttpClient plain = HttpClient.newHttpClient();
        URI insecure = URI.create(health.toString().replaceFirst("^https", "http"));
        boolean refused;
        try {
            refused = plain.send(HttpRequest.newBuilder(insecure).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() != 200;
        } catch (IOException e) {
            refused = true;
        }
        assertTrue(refused, "plain HTTP must not be served on the TLS port");
    }

    @Test
    void grpcSpeaksTlsOnlyAndStillWantsATokenForRanking() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        ManagedChannel tls = NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(SelfSigned.dir().resolve("tls.crt").toFile()).build())
                .build();
        ManagedChannel plaintext = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(tls).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus());
            String rank = "h2rec.serving.v1.RankingService/Rank";
            assertEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(tls, rank, MethodDescriptor.MethodType.UNARY, null));
            assertNotEquals(Status.Code.UNAUTHENTICATED, GrpcCalls.call(tls, rank, MethodDescriptor.MethodType.UNARY,
                    TestTokens.bearer(Roles.RANKER)));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc
                    .newBlockingStub(plaintext).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), "plaintext gRPC is not served");
        } finally {
            tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A self-signed certificate for localhost, made once per JVM with keytool and written as PEM (tls.crt, tls.key). */
    static final class SelfSigned {
        private static final String PROPERTY = "h2rec.test.tls";
        private static final char[] PASSWORD = "changeit-test-only".toCharArray();

        static synchronized Path dir() {
            String existing = System.getProperty(PROPERTY);
            if (existing != null) {
                return Path.of(existing);
            }
            try {
                Path dir = TempDirs.create("h2rec-tls");
                Path p12 = dir.resolve("tls.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "h2rec", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", p12.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + out);
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12)) {
                    store.load(in, PASSWORD);
                }
                Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", store.getCertificate("h2rec").getEncoded()));
                Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", store.getKey("h2rec", PASSWORD).getEncoded()));
                System.setProperty(PROPERTY, dir.toString());
                return dir;
            } catch (Exception e) {
                throw new IllegalStateException("could not make a self-signed certificate", e);
            }
        }

        /** An SSL context that trusts exactly this certificate. */
        static SSLContext trusting() throws Exception {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(dir().resolve("tls.crt"))) {
                trust.setCertificateEntry("h2rec", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
