package io.h2rec.adapter.out.persistence;

import io.h2rec.testing.TempDirs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervisor (`deploy/h2rec db`, the services' shared database) as a process of its own, stopped the way a
 * platform stops it: SIGTERM. Its watch loop runs on while its shutdown hook stops PostgreSQL; it used to take
 * that stop for a crash and start a new server nobody supervised (5 of 5 tries before the fix).
 */
class DatabaseSupervisorTest {
    @Test
    void sigtermStopsPostgresAndStartsNoOrphan() throws Exception {
        Path home = TempDirs.create("h2rec-supervisor-");
        Path data = home.resolve("pg");
        Path urlFile = home.resolve("db.url");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseSupervisor.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("supervisor.log").toFile());
        pb.environment().put("H2REC_DB_URL_FILE", urlFile.toString());
        pb.environment().remove("H2REC_DB_EMBEDDED_PORT");
        Process supervisor = pb.start();
        try {
            for (int i = 0; i < 600 && !(Files.isRegularFile(urlFile) && Files.size(urlFile) > 0); i++) {
                assertTrue(supervisor.isAlive(), () -> "the supervisor exited: " + log(home));
                Thread.sleep(100);
            }
            assertTrue(EmbeddedDatabase.postmaster(data).isPresent(), () -> "no server after start: " + log(home));

            supervisor.destroy(); // SIGTERM
            assertTrue(supervisor.waitFor(60, TimeUnit.SECONDS), "the supervisor did not stop");
            // Long enough for the old watch loop (1 s polls) to have restarted the server.
            for (int i = 0; i < 30; i++) {
                Optional<EmbeddedDatabase.Postmaster> left = EmbeddedDatabase.postmaster(data);
                assertFalse(left.isPresent(), () -> "PostgreSQL left running after SIGTERM: " + log(home));
                Thread.sleep(100);
            }
            assertFalse(log(home).contains("restarting"), () -> log(home));
            assertEquals(143, supervisor.exitValue(), () -> log(home));
        } finally {
            supervisor.destroyForcibly();
            EmbeddedDatabase.postmaster(data).ifPresent(pm -> ProcessHandle.of(pm.pid()).ifPresent(ProcessHandle::destroy));
        }
    }

    private static String log(Path home) {
        try {
            return Files.readString(home.resolve("supervisor.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
