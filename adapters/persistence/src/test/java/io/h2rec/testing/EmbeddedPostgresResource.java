package io.h2rec.testing;

import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.adapter.out.persistence.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real PostgreSQL for @QuarkusTest: the same embedded server the platform defaults to, in a
 * throwaway directory. Nothing needs to be installed.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        EmbeddedDatabase.Endpoint e = EmbeddedDatabase.startEphemeral();
        return Map.of(DatabaseBootstrap.URL, e.jdbcUrl(), DatabaseBootstrap.USER, e.user(),
                DatabaseBootstrap.PASSWORD, e.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM (shutdown hook).
    }
}
