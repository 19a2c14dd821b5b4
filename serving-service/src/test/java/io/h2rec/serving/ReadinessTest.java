package io.h2rec.serving;

import io.h2rec.domain.model.ModelVersion;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankingServiceGrpc;
import io.h2rec.serving.model.ModelHolder;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.ModelFixtures;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness follows what ranking needs, not the database: with a model loaded, PostgreSQL killed
 * (its postmaster SIGKILLed, as in the field report) leaves the service ready and ranking. Its own
 * profile, so no other test shares the database it kills.
 */
@QuarkusTest
@TestProfile(ReadinessTest.OwnDatabase.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FreeGrpcPort.class)
@QuarkusTestResource(io.h2rec.testing.TestTokens.Keys.class)
class ReadinessTest {
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("h2rec.serving.poll-interval", "200ms");
        }
    }

    @Inject
    TestRegistry registry;
    @Inject
    ModelHolder holder;
    @Inject
    DataSource database;
    @GrpcClient("ranking")
    @io.quarkus.grpc.RegisterClientInterceptor(io.h2rec.serving.security.RankerCredentials.class)
    RankingServiceGrpc.RankingServiceBlockingStub stub;

    @Test
    void readyWithTheDatabaseDownAsLongAsAModelIsLoaded() throws Exception {
        ModelVersion v = registry.register(registry.fixture("readiness-fixture", 30), ModelFixtures.sasrec(30, 8, 6, 2), null);
        registry.versions.activate(v.id());
        holder.refresh();
        given().get("/q/health/ready").then().statusCode(200);

        ProcessHandle postgres = postmaster();
        postgres.destroyForcibly();
        assertTrue(postgres.onExit().get(30, TimeUnit.SECONDS) != null);
        Thread.sleep(500);   // a few failing polls of the registry

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        assertEquals(String.valueOf(v.id()), stub.rank(RankRequest.newBuilder().setK(3).addHistory("i2").build())
                .getModelVersion());
    }

    /** The server process behind the datasource, from its data directory's postmaster.pid. */
    private ProcessHandle postmaster() throws Exception {
        try (Connection c = database.getConnection(); ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
            assertTrue(rs.next());
            long pid = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow();
        }
    }
}
