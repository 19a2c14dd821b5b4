package io.h2rec.adapter.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The owner of the embedded server must not stop it under another process that joined it. */
class EmbeddedDatabaseTest {
    @Test
    void ownerLeavesTheServerRunningWhileAnotherProcessIsConnected() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("h2rec-pg-"))
                .setCleanDataDirectory(true).start();
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        try (Connection other = DriverManager.getConnection(url + "?ApplicationName=h2rec-other",
                EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             Connection own = DriverManager.getConnection(url + "?ApplicationName=" + EmbeddedDatabase.applicationName(),
                     EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD)) {
            EmbeddedDatabase.stopUnlessShared(pg, 0);
            assertTrue(other.isValid(2), "the joined process lost its server");
            assertTrue(own.isValid(2));
        }
        // Nobody else connected now (a closed session leaves pg_stat_activity a moment later, longer on a loaded
        // machine: 5 s of waiting failed 2 of 5 builds beside a training): the owner stops it.
        for (int i = 0; i < 1200 && EmbeddedDatabase.otherSessions(pg.getPort()) > 0; i++) {
            Thread.sleep(100);
        }
        EmbeddedDatabase.stopUnlessShared(pg, 0);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD).close());
    }

    /**
     * Shutdown hooks run concurrently: the server's stop waits for this process's own connections (the
     * application's pool, closed as its shutdown ends), so the application's last writes land.
     */
    @Test
    void theStopWaitsForThisProcesssOwnConnectionsToClose() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("h2rec-pg-"))
                .setCleanDataDirectory(true).start();
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        Connection own = DriverManager.getConnection(url + "?ApplicationName=" + EmbeddedDatabase.applicationName(),
                EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
        AtomicBoolean lastWriteDone = new AtomicBoolean();
        Thread application = new Thread(() -> {
            try (own) {
                Thread.sleep(300);
                own.createStatement().execute("SELECT 1");   // the application's last write, during shutdown
                lastWriteDone.set(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        application.start();
        EmbeddedDatabase.stopUnlessShared(pg, 60_000);
        assertTrue(lastWriteDone.get(), "the server stopped before the application's last write");
        application.join();
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD).close());
    }
}
