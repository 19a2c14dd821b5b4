package io.h2rec.domain.reliability;

import io.h2rec.domain.error.DomainException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes that must survive a database outage: retried with backoff, and failures told apart from outages. */
public final class Durably {
    private static final Logger LOG = Logger.getLogger(Durably.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private Durably() {
    }

    /**
     * Runs {@code write}, retrying failures with exponential backoff (0.25 s doubling to 5 s) for up to
     * {@code maxMillis}. A refusal the domain names ({@link DomainException}: a state conflict, an
     * invalid value) and a broken invariant (IllegalStateException, IllegalArgumentException) are not
     * retried: they are rethrown.
     *
     * @return whether the write went through
     */
    public static boolean write(String what, long maxMillis, Runnable write) {
        long end = System.currentTimeMillis() + maxMillis;
        long backoff = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                if (attempt > 1) {
                    LOG.info(what + ": written at attempt " + attempt);
                }
                return true;
            } catch (DomainException | IllegalStateException | IllegalArgumentException conflict) {
                throw conflict;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() + backoff > end) {
                    LOG.log(Level.SEVERE, what + ": gave up after " + attempt + " attempts", e);
                    return false;
                }
                LOG.warning(what + ": attempt " + attempt + " failed (" + e + "), retrying in " + backoff + " ms");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Whether {@code e} comes from an unreachable database (connection refused, lost, or timed out). */
    public static boolean databaseUnreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return true;
            }
            // 08: connection exceptions; 57P: the server shutting down, crashed, or still starting up
            if (c instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("Acquisition timeout") || m.contains("Connection refused")
                    || m.contains("I/O error occurred while sending to the backend"))) {
                return true;
            }
        }
        return false;
    }

    /** A short id that quotes one failure in an API answer and in the log. */
    public static String errorId() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
