package io.h2rec.adapter.in.security;

import io.h2rec.domain.model.AuditEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the audit rows of anonymous failed writes (status 400 or above to a caller without a valid token: 401 and
 * 403, but also a 404 or 405 on an open path such as /q/health), so that a flood of them cannot grow the
 * append-only {@code audit_log} by a row per request. The first one of an action from a peer address with a
 * status is written at once, as before; its repeats within the window are counted and written as one row when the
 * window ends ({@link #flush}: its {@code at} is the window's end), its {@code repeats} saying how many it stands
 * for. The peer address is the one the connection came from, not the caller's X-Forwarded-For, which costs
 * nothing to vary (the row shows the first one seen). At most {@value #MAX_KINDS} kinds are kept per window (the
 * action is the caller's to choose); failures of further kinds are counted per status in one row whose action
 * and address say so, so a window writes at most about 2 x {@value #MAX_KINDS} rows. Identified callers' rows
 * and anonymous writes that were answered (auth disabled for local development) are never folded.
 */
final class AnonymousRefusals {
    static final int MAX_KINDS = 100;
    static final String OTHER_KINDS = "(refusals of other actions or addresses: more than " + MAX_KINDS + " kinds in the window)";

    private record Kind(String action, String peer, int status) {
    }

    /** The repeats of a kind not yet written, and the address text of its first row. */
    private static final class Count {
        final String remote;
        int n;

        Count(String remote) {
            this.remote = remote;
        }
    }

    private final Map<Kind, Count> repeats = new LinkedHashMap<>();
    private final Map<Integer, int[]> overflow = new TreeMap<>();

    /** Whether an entry is folded here: an anonymous caller's write that failed. */
    static boolean folds(AuditEntry entry) {
        return AuditTrail.ANONYMOUS.equals(entry.actor()) && entry.status() >= 400;
    }

    /** The peer part of an entry's remote, as {@link AuditTrail#remote} wrote it ("10.0.0.1 (X-Forwarded-For: ...)"). */
    static String peer(String remote) {
        int forwarded = remote.indexOf(AuditTrail.FORWARDED_FOR);
        return forwarded < 0 ? remote : remote.substring(0, forwarded);
    }

    /** True: write this refusal now (the first of its kind in the window); false: it is counted for {@link #flush}. */
    synchronized boolean firstOfItsKind(AuditEntry entry) {
        Kind kind = new Kind(entry.action(), peer(entry.remote()), entry.status());
        Count count = repeats.get(kind);
        if (count != null) {
            count.n = saturated(count.n);
            return false;
        }
        if (repeats.size() >= MAX_KINDS) {
            int[] other = overflow.computeIfAbsent(entry.status(), s -> new int[1]);
            other[0] = saturated(other[0]);
            return false;
        }
        repeats.put(kind, new Count(entry.remote()));
        return true;
    }

    /** The rows of the window that ends now: one per kind that repeated, and the overflow's; a new window begins. */
    synchronized List<AuditEntry> flush(String service, Instant now) {
        List<AuditEntry> rows = new ArrayList<>();
        try {
            repeats.forEach((kind, count) -> {
                if (count.n > 0) {
                    rows.add(new AuditEntry(0, now, service, AuditTrail.ANONYMOUS, "", kind.action(), count.remote,
                            kind.status(), count.n));
                }
            });
            overflow.forEach((status, count) -> rows.add(new AuditEntry(0, now, service, AuditTrail.ANONYMOUS, "",
                    OTHER_KINDS, "(various)", status, count[0])));
        } finally {
            repeats.clear();
            overflow.clear();
        }
        return rows;
    }

    /** One more, stopping at the column's largest value (a window of 2^31 failures is counted as that many). */
    private static int saturated(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }
}
