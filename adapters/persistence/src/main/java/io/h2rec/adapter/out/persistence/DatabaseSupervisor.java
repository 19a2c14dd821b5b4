package io.h2rec.adapter.out.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the embedded PostgreSQL of one data directory up for the local launcher
 * ({@code deploy/h2rec start} / {@code db}): starts it, or adopts the server already running there;
 * writes its URL to {@code H2REC_DB_URL_FILE}; restarts it with the same command line (so on the
 * same port: connected services reconnect) within a second or two whenever it dies; and stops it
 * when this process is stopped, unless other processes still use it.
 */
public final class DatabaseSupervisor {
    private static final long POLL_MILLIS = 1_000;
    private static final int RESTART_ATTEMPTS = 60;

    /**
     * Set by the shutdown hook before it stops the server: the watch loop, which runs on until the JVM halts, must not
     * take that stop for a crash and start an unsupervised server behind it (seen on SIGTERM).
     */
    private static volatile boolean stopping;

    private DatabaseSupervisor() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : EmbeddedDatabase.defaultDataDirectory();
        int port = Integer.parseInt(System.getenv().getOrDefault("H2REC_DB_EMBEDDED_PORT", "0"));
        EmbeddedDatabase.Endpoint e = EmbeddedDatabase.start(dir, port, false);
        EmbeddedDatabase.Postmaster pm = EmbeddedDatabase.postmaster(dir)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL in " + dir + " did not stay up"));
        List<String> command = commandLine(pm.pid());
        say((e.owned() ? "started" : "adopted the running") + " PostgreSQL (pid " + pm.pid() + ") on port " + e.port()
                + ", data in " + dir + (EmbeddedDatabase.durable() ? "; fsync and synchronous commit on" : "; NOT durable"));
        System.out.println("H2REC_DB_URL=" + e.jdbcUrl());
        System.out.println("# psql -h localhost -p " + e.port() + " -U " + EmbeddedDatabase.USER + " "
                + EmbeddedDatabase.DATABASE + "   (data in " + dir + "; stopping this process stops it)");
        String urlFile = System.getenv("H2REC_DB_URL_FILE");
        if (urlFile != null && !urlFile.isBlank()) {
            Path f = Path.of(urlFile);
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, e.jdbcUrl() + "\n");
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            stop(dir);
        }, "h2rec-db-stop"));
        Path log = dir.resolveSibling(dir.getFileName() + "-restarts.log");
        while (true) {
            Thread.sleep(POLL_MILLIS);
            if (!stopping && EmbeddedDatabase.postmaster(dir).isEmpty()) {
                say("PostgreSQL is gone (killed or crashed): restarting it on port " + e.port());
                restart(command, dir, e.port(), log);
            }
        }
    }

    /**
     * The postmaster's argv, from /proc: the restart runs exactly that (binary, data directory, port,
     * settings), in a user namespace as zonky does when it runs as root (PostgreSQL refuses root).
     */
    static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        List<String> argv = new java.util.ArrayList<>(List.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8)
                .split("\0")));
        for (String unshare : List.of("/usr/bin/unshare", "/bin/unshare")) {
            if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(unshare))) {
                argv.addAll(0, List.of(unshare, "-U"));
                break;
            }
        }
        return List.copyOf(argv);
    }

    private static void restart(List<String> command, Path dir, int port, Path log) throws InterruptedException {
        for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !stopping; attempt++) {
            try {
                // Its old backends may still hold the shared memory for a moment: then this start fails; retried.
                new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                for (int i = 0; i < 30; i++) {
                    Thread.sleep(500);
                    if (ready(port)) {
                        say("PostgreSQL is back on port " + port + " (attempt " + attempt + ")");
                        return;
                    }
                    if (EmbeddedDatabase.postmaster(dir).isEmpty() && i > 4) {
                        break;
                    }
                }
            } catch (IOException e) {
                say("restart attempt " + attempt + " failed: " + e.getMessage());
            }
            Thread.sleep(1_000);
        }
        if (stopping) {
            return; // System.exit during shutdown would block
        }
        say("could not restart PostgreSQL after " + RESTART_ATTEMPTS + " attempts; see " + log);
        System.exit(3);
    }

    private static boolean ready(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/"
                + EmbeddedDatabase.DATABASE + "?connectTimeout=2", EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Stops the server (fast shutdown: sessions are ended, committed work is kept), unless others still use it. */
    private static void stop(Path dir) {
        Optional<EmbeddedDatabase.Postmaster> pm = EmbeddedDatabase.postmaster(dir);
        if (pm.isEmpty()) {
            return;
        }
        try {
            int others = EmbeddedDatabase.otherSessions(pm.get().port());
            if (others > 0) {
                say("PostgreSQL on port " + pm.get().port() + " left running: " + others
                        + " session(s) of other processes still use it");
                return;
            }
        } catch (SQLException e) {
            // unreachable: nobody can be using it
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(pm.get().pid())).start().waitFor();
            ProcessHandle.of(pm.get().pid()).ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(t -> null).join());
            say("PostgreSQL stopped");
        } catch (IOException | InterruptedException e) {
            say("could not stop PostgreSQL (pid " + pm.get().pid() + "): " + e.getMessage());
        }
    }

    private static void say(String message) {
        System.err.println("[h2rec db " + Instant.now() + "] " + message);
    }
}
