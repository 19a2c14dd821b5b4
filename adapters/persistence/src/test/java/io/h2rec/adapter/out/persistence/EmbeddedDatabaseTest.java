package io.h2rec.adapter.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
            EmbeddedDatabase.stopUnlessShared(pg);
            assertTrue(other.isValid(2), "the joined process lost its server");
            assertTrue(own.isValid(2));
        }
        // Nobody else connected now (a closed session leaves pg_stat_activity a moment later, longer on a loaded
        // machine: 5 s of waiting failed 2 of 5 builds beside a training): the owner stops it.
        for (int i = 0; i < 1200 && EmbeddedDatabase.otherSessions(pg.getPort()) > 0; i++) {
            Thread.sleep(100);
        }
        EmbeddedDatabase.stopUnlessShared(pg);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD).close());
    }
}
