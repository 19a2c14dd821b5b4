package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A prepared dataset and its split (evaluation.md, {@link SplitProtocol}). Items are re-indexed
 * densely 1..N with 0 reserved for padding; {@link #item(int)} keeps the mapping back to external
 * ids. Each user's events at positions [0, trainEnd) train. The evaluation cases of a target
 * ({@link EvalTarget}) are (user, position) pairs: the event at the position is the target, every
 * earlier event of the user its input.
 * <ul>
 *   <li>Leave-one-out: trainEnd = length - 2; one validation case per user at length - 2 (input:
 *       the training prefix) and one test case at length - 1 (input: the training prefix plus the
 *       validation item).</li>
 *   <li>Temporal: trainEnd = the number of the user's events before t1; a validation case at every
 *       position p &gt; 0 whose event lies in [t1, t2), a test case at every p &gt; 0 at or after t2
 *       (users without events before t1 train nothing but are evaluated on their later events).</li>
 * </ul>
 * Anything derived from data (popularity, co-occurrence) uses {@link #trainingSequence(int)} only.
 */
public final class DatasetSplit {
    private final String name;
    private final PreparationParams params;
    private final FilterStats stats;
    private final List<Item> items;
    private final List<UserSequence> users;
    private final String fingerprint;
    private final Map<ItemId, Integer> indexOf;
    private final int[] trainingPopularity;
    private final int trainingInteractions;
    private final int[] trainEnd;
    /** Per {@link EvalTarget} ordinal: the cases' users and positions. */
    private final int[][] caseUser;
    private final int[][] casePosition;
    private final long validationFrom;
    private final long testFrom;

    public DatasetSplit(String name, PreparationParams params, FilterStats stats, List<Item> items,
                        List<UserSequence> users, String fingerprint) {
        this.name = Objects.requireNonNull(name);
        this.params = Objects.requireNonNull(params);
        this.stats = Objects.requireNonNull(stats);
        this.items = List.copyOf(items);
        this.users = List.copyOf(users);
        this.fingerprint = Objects.requireNonNull(fingerprint);
        this.indexOf = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            indexOf.put(items.get(i).id(), i + 1);
        }
        SplitProtocol protocol = params.split();
        long[] cuts = protocol.temporalSplit() ? cutTimes(this.users, protocol) : new long[] {0, 0};
        this.validationFrom = cuts[0];
        this.testFrom = cuts[1];
        this.trainEnd = new int[this.users.size()];
        for (int u = 0; u < this.users.size(); u++) {
            UserSequence user = this.users.get(u);
            for (int item : user.items()) {
                if (item < 1 || item > items.size()) {
                    throw new IllegalArgumentException("item index " + item + " out of range 1.." + items.size());
                }
            }
            if (protocol.temporalSplit()) {
                trainEnd[u] = user.countBefore(validationFrom);
            } else if (user.length() < 3) {
                throw new IllegalArgumentException("user " + user.userId() + " has " + user.length()
                        + " interactions; a leave-one-out split needs at least 3");
            } else {
                trainEnd[u] = user.length() - 2;
            }
        }
        int[] counts = new int[EvalTarget.values().length];
        forEachCase((t, u, p) -> counts[t.ordinal()]++);
        this.caseUser = new int[counts.length][];
        this.casePosition = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            caseUser[t] = new int[counts[t]];
            casePosition[t] = new int[counts[t]];
        }
        int[] filled = new int[counts.length];
        forEachCase((t, u, p) -> {
            caseUser[t.ordinal()][filled[t.ordinal()]] = u;
            casePosition[t.ordinal()][filled[t.ordinal()]++] = p;
        });
        this.trainingPopularity = new int[items.size() + 1];
        int total = 0;
        for (int u = 0; u < this.users.size(); u++) {
            int[] seq = this.users.get(u).items();
            for (int p = 0; p < trainEnd[u]; p++) {
                trainingPopularity[seq[p]]++;
                total++;
            }
        }
        this.trainingInteractions = total;
    }

    private interface CaseVisitor {
        void visit(EvalTarget target, int user, int position);
    }

    /** Every (target, user, position) case in user then position order. */
    private void forEachCase(CaseVisitor visitor) {
        boolean temporal = params.split().temporalSplit();
        for (int u = 0; u < users.size(); u++) {
            UserSequence user = users.get(u);
            for (int p = Math.max(1, trainEnd[u]); p < user.length(); p++) {
                EvalTarget target;
                if (temporal) {
                    target = user.timestamp(p) >= testFrom ? EvalTarget.TEST : EvalTarget.VALIDATION;
                } else {
                    target = p == trainEnd[u] ? EvalTarget.VALIDATION : EvalTarget.TEST;
                }
                visitor.visit(target, u, p);
            }
        }
    }

    /**
     * t1 and t2 of a temporal split in timestamp ticks: with quantiles, the timestamps at positions
     * floor(q * n) of all n events' timestamps in ascending order (so a share of about q of the
     * events lies before each); absolute cuts are epoch seconds times {@link SplitProtocol#TICKS_PER_SECOND}.
     */
    static long[] cutTimes(List<UserSequence> users, SplitProtocol protocol) {
        if (!protocol.quantiles()) {
            return new long[] {(long) protocol.t1() * SplitProtocol.TICKS_PER_SECOND,
                    (long) protocol.t2() * SplitProtocol.TICKS_PER_SECOND};
        }
        int n = users.stream().mapToInt(UserSequence::length).sum();
        if (n == 0) {
            throw new IllegalArgumentException("a temporal split needs interactions");
        }
        long[] all = new long[n];
        int at = 0;
        for (UserSequence user : users) {
            for (int p = 0; p < user.length(); p++) {
                all[at++] = user.timestamp(p);
            }
        }
        Arrays.sort(all);
        return new long[] {all[quantileIndex(protocol.t1(), n)], all[quantileIndex(protocol.t2(), n)]};
    }

    private static int quantileIndex(double q, int n) {
        return Math.min(n - 1, (int) Math.floor(q * n));
    }

    public String name() {
        return name;
    }

    public PreparationParams params() {
        return params;
    }

    public FilterStats stats() {
        return stats;
    }

    /** sha256 over the prepared sequences, item mapping and parameters. */
    public String fingerprint() {
        return fingerprint;
    }

    /** N, the number of items; valid indices are 1..N. */
    public int numItems() {
        return items.size();
    }

    public int numUsers() {
        return users.size();
    }

    /** The item behind dense index {@code index} (1..N). */
    public Item item(int index) {
        return items.get(index - 1);
    }

    public List<Item> items() {
        return items;
    }

    public Optional<Integer> indexOf(ItemId id) {
        return Optional.ofNullable(indexOf.get(id));
    }

    public UserSequence user(int u) {
        return users.get(u);
    }

    public List<UserSequence> users() {
        return users;
    }

    /** How this split was cut. */
    public SplitProtocol protocol() {
        return params.split();
    }

    /** Training items of user {@code u}: all but the last two (leave-one-out), those before t1 (temporal). */
    public int[] trainingSequence(int u) {
        return users.get(u).slice(0, trainEnd[u]);
    }

    /** The number of evaluation cases of {@code target} (under leave-one-out, one per user). */
    public int cases(EvalTarget target) {
        return caseUser[target.ordinal()].length;
    }

    /** The user of case {@code c} of {@code target}, in user then position order. */
    public int caseUser(EvalTarget target, int c) {
        return caseUser[target.ordinal()][c];
    }

    /** The position of case {@code c}'s target in its user's sequence (its input is everything before). */
    public int casePosition(EvalTarget target, int c) {
        return casePosition[target.ordinal()][c];
    }

    /** The input of case {@code c}: every event of its user before the target. */
    public int[] caseInput(EvalTarget target, int c) {
        return users.get(caseUser(target, c)).slice(0, casePosition(target, c));
    }

    /** The target item of case {@code c}. */
    public int caseTarget(EvalTarget target, int c) {
        return users.get(caseUser(target, c)).item(casePosition(target, c));
    }

    /** Input for the leave-one-out validation target: the training prefix. */
    public int[] validationInput(int u) {
        return trainingSequence(u);
    }

    /** The leave-one-out validation target of user {@code u} (the second-to-last item). */
    public int validationTarget(int u) {
        return users.get(u).item(leaveOneOut(u));
    }

    /** Input for the leave-one-out test target: the training prefix plus the validation item. */
    public int[] testInput(int u) {
        return users.get(u).slice(0, leaveOneOut(u) + 1);
    }

    /** The leave-one-out test target of user {@code u} (the last item). */
    public int testTarget(int u) {
        return users.get(u).item(leaveOneOut(u) + 1);
    }

    private int leaveOneOut(int u) {
        if (params.split().temporalSplit()) {
            throw new IllegalStateException("a temporal split has no per-user target; use its cases");
        }
        return trainEnd[u];
    }

    /** t1 of a temporal split (events before it train) in timestamp ticks; empty under leave-one-out. */
    public OptionalLong validationFrom() {
        return protocol().temporalSplit() ? OptionalLong.of(validationFrom) : OptionalLong.empty();
    }

    /** t2 of a temporal split (test targets are at or after it) in timestamp ticks; empty under leave-one-out. */
    public OptionalLong testFrom() {
        return protocol().temporalSplit() ? OptionalLong.of(testFrom) : OptionalLong.empty();
    }

    /** Number of training interactions per item index (index 0 is padding and stays 0). */
    public int[] trainingPopularity() {
        return trainingPopularity.clone();
    }

    public int trainingInteractions() {
        return trainingInteractions;
    }

    public int totalInteractions() {
        return users.stream().mapToInt(UserSequence::length).sum();
    }

    @Override
    public String toString() {
        return "DatasetSplit[" + name + ", users=" + users.size() + ", items=" + items.size()
                + ", fingerprint=" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + "]";
    }

    /** For tests and diagnostics: the sequences as plain arrays. */
    public int[][] sequences() {
        int[][] out = new int[users.size()][];
        for (int u = 0; u < out.length; u++) {
            out[u] = users.get(u).items();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSplit other && fingerprint.equals(other.fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

}
