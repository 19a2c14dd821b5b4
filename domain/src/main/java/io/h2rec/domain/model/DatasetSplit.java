package io.h2rec.domain.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A prepared dataset and its leave-one-out split (evaluation.md). Items are re-indexed densely
 * 1..N with 0 reserved for padding; {@link #item(int)} keeps the mapping back to external ids.
 * Per user: the last item is the test target, the second-to-last the validation target, the
 * rest is training. Anything derived from data (popularity, co-occurrence) uses
 * {@link #trainingSequence(int)} only.
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

    public DatasetSplit(String name, PreparationParams params, FilterStats stats, List<Item> items,
                        List<UserSequence> users, String fingerprint) {
        this.name = Objects.requireNonNull(name, "name");
        this.params = Objects.requireNonNull(params, "params");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.items = List.copyOf(items);
        this.users = List.copyOf(users);
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.indexOf = new HashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) {
            indexOf.put(items.get(i).id(), i + 1);
        }
        this.trainingPopularity = new int[items.size() + 1];
        int total = 0;
        for (UserSequence user : this.users) {
            if (user.length() < 3) {
                throw new IllegalArgumentException("user " + user.userId() + " has " + user.length()
                        + " interactions; a leave-one-out split needs at least 3");
            }
            int[] seq = user.items();
            for (int p = 0; p < seq.length - 2; p++) {
                if (seq[p] < 1 || seq[p] > items.size()) {
                    throw new IllegalArgumentException("item index " + seq[p] + " out of range 1.." + items.size());
                }
                trainingPopularity[seq[p]]++;
                total++;
            }
        }
        this.trainingInteractions = total;
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

    /** Training items of user {@code u}: all but the last two. */
    public int[] trainingSequence(int u) {
        UserSequence s = users.get(u);
        return s.slice(0, s.length() - 2);
    }

    /** Input for the validation target: the training prefix. */
    public int[] validationInput(int u) {
        return trainingSequence(u);
    }

    public int validationTarget(int u) {
        UserSequence s = users.get(u);
        return s.item(s.length() - 2);
    }

    /** Input for the test target: the training prefix plus the validation item. */
    public int[] testInput(int u) {
        UserSequence s = users.get(u);
        return s.slice(0, s.length() - 1);
    }

    public int testTarget(int u) {
        UserSequence s = users.get(u);
        return s.item(s.length() - 1);
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
