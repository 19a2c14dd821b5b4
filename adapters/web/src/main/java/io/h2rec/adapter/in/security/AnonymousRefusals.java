package io.h2rec.adapter.in.security;

import io.h2rec.domain.model.AuditEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the audit rows of anonymous refusals (401 or 403 to a caller without a valid token), so that a flood of
 * them cannot grow the append-only {@code audit_log} by a row per request. The first refusal of one action from one
 * address with one status is written at once, as before; its repeats within the window are counted and written as
 * one row when the window ends ({@link #flush}), its {@code repeats} saying how many it stands for. At most
 * {@value #MAX_KINDS} kinds are kept per window (the action and the address are the caller's to choose); refusals
 * of further kinds are counted per status in one row whose action and address say so. Identified callers' rows
 * and anonymous writes that were answered (auth disabled for local development) are never folded.
 */
final class AnonymousRefusals {
    static final int MAX_KINDS = 1_000;
    static final String OTHER_KINDS = "(refusals of other actions or addresses: more than " + MAX_KINDS + " kinds in the window)";

    private record Kind(String action, String remote, int status) {
    }

    private final Map<Kind, int[]> repeats = new LinkedHashMap<>();
    private final Map<Integer, int[]> overflow = new TreeMap<>();

    /** Whether an entry is folded here: an anonymous caller's refusal. */
    static boolean folds(AuditEntry entry) {
        return AuditTrail.ANONYMOUS.equals(entry.actor()) && (entry.status() == 401 || entry.status() == 403);
    }

    /** True: write this refusal now (the first of its kind in the window); false: it is counted for {@link #flush}. */
    synchronized boolean firstOfItsKind(AuditEntry entry) {
        Kind kind = new Kind(entry.action(), entry.remote(), entry.status());
        int[] count = repeats.get(kind);
        if (count != null) {
            count[0]++;
            return false;
        }
        if (repeats.size() >= MAX_KINDS) {
            overflow.computeIfAbsent(entry.status(), s -> new int[1])[0]++;
            return false;
        }
        repeats.put(kind, new int[1]);
        return true;
    }

    /** The rows of the window that ends now: one per kind that repeated, and the overflow's; a new window begins. */
    synchronized List<AuditEntry> flush(String service, Instant now) {
        List<AuditEntry> rows = new ArrayList<>();
        repeats.forEach((kind, count) -> {
            if (count[0] > 0) {
                rows.add(new AuditEntry(0, now, service, AuditTrail.ANONYMOUS, "", kind.action(), kind.remote(),
                        kind.status(), count[0]));
            }
        });
        overflow.forEach((status, count) -> rows.add(new AuditEntry(0, now, service, AuditTrail.ANONYMOUS, "",
                OTHER_KINDS, "(various)", status, count[0])));
        repeats.clear();
        overflow.clear();
        return rows;
    }
}
