package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.port.out.RegistryChanges;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongConsumer;

/**
 * LISTEN on channel {@code h2rec_serving}, which triggers of migration V20 notify on activation and
 * on new cold-start items. One dedicated connection outside the pool (a listener holds it for its
 * whole life), reconnecting with back-off when the database goes away.
 */
@ApplicationScoped
public class PostgresRegistryChanges implements RegistryChanges {
    static final String CHANNEL = "h2rec_serving";
    private static final Logger LOG = Logger.getLogger(PostgresRegistryChanges.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Override
    public AutoCloseable listen(LongConsumer onChange) {
        Listener l = new Listener(onChange);
        Thread t = new Thread(l, "registry-listener");
        t.setDaemon(true);
        t.start();
        return () -> {
            l.running = false;
            t.interrupt();
        };
    }

    private final class Listener implements Runnable {
        private final LongConsumer onChange;
        private volatile boolean running = true;

        Listener(LongConsumer onChange) {
            this.onChange = onChange;
        }

        @Override
        public void run() {
            long backoff = 500;
            String lastProblem = "";
            while (running) {
                try (Connection c = connect()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                    if (!lastProblem.isEmpty()) {
                        LOG.info("listening for registry changes again");
                    }
                    lastProblem = "";
                    backoff = 500;
                    onChange.accept(-1);   // catch up with whatever happened while not listening
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (running) {
                        PGNotification[] batch = pg.getNotifications(500);
                        if (batch != null && batch.length > 0) {
                            onChange.accept(lateness(batch[batch.length - 1].getParameter()));
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (!problem.equals(lastProblem)) {
                        LOG.warnf("not listening for registry changes (%s); polling covers them, retrying", problem);
                        lastProblem = problem;
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException stop) {
                        return;
                    }
                    backoff = Math.min(10_000, backoff * 2);
                }
            }
        }
    }

    /** pgjdbc directly: DriverManager does not always see drivers of an application class loader. */
    private Connection connect() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        Connection c = new org.postgresql.Driver().connect(url, p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return c;
    }

    /** "table epochMillis" (V20's payload) -> milliseconds since then, or -1. */
    static long lateness(String payload) {
        try {
            return Math.max(0, System.currentTimeMillis() - Long.parseLong(payload.substring(payload.lastIndexOf(' ') + 1)));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
