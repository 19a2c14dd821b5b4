package io.h2rec.adapter.out.persistence;

import java.nio.file.Path;

/**
 * Called by each service's main before Quarkus starts. With H2REC_DB_URL set (system property
 * {@code h2rec.db.url}), every service uses that server (H2REC_DB_USER / H2REC_DB_PASSWORD);
 * otherwise the embedded PostgreSQL of {@link EmbeddedDatabase} is started or joined, and its
 * coordinates are set as system properties for Quarkus's datasource.
 */
public final class DatabaseBootstrap {
    public static final String URL = "h2rec.db.url";
    public static final String USER = "h2rec.db.user";
    public static final String PASSWORD = "h2rec.db.password";

    private DatabaseBootstrap() {
    }

    /** @return a one-line description of the database in use, for the log */
    public static String configure() {
        String configured = System.getProperty(URL, System.getenv("H2REC_DB_URL"));
        if (configured != null && !configured.isBlank()) {
            return "PostgreSQL at " + configured;
        }
        Path dir = EmbeddedDatabase.defaultDataDirectory();
        int port = Integer.parseInt(System.getProperty("h2rec.db.embedded-port",
                System.getenv().getOrDefault("H2REC_DB_EMBEDDED_PORT", "0")));
        EmbeddedDatabase.Endpoint e = EmbeddedDatabase.start(dir, port, true);
        // Tagged with this process, so the server's owner can see who else still uses it at exit.
        System.setProperty(URL, e.jdbcUrl() + "?ApplicationName=" + EmbeddedDatabase.applicationName());
        System.setProperty(USER, e.user());
        System.setProperty(PASSWORD, e.password());
        return (e.owned() ? "embedded PostgreSQL started" : "joined embedded PostgreSQL") + " at " + e.jdbcUrl()
                + " (data in " + dir + ")";
    }
}
