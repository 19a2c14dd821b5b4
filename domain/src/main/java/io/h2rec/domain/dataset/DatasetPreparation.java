package io.h2rec.domain.dataset;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Interaction;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.NaturalOrder;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RawDataset;
import io.h2rec.domain.model.UserSequence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Raw interactions to a split (evaluation.md): order each user's events by time (stable on ties),
 * iterate the k-core filter until nothing changes, re-index items densely 1..N in natural id order,
 * cut each user's history as the parameters' {@link SplitProtocol} says (leave-one-out by default,
 * or a global time split), and fingerprint the result.
 */
public final class DatasetPreparation {
    private DatasetPreparation() {
    }

    public static DatasetSplit prepare(RawDataset raw, PreparationParams params) {
        List<Interaction> events = raw.interactions();
        int n = events.size();
        if (n == 0) {
            throw new InvalidInputException("location", "dataset " + raw.name() + " at " + raw.location() + " has no interactions");
        }
        if (params.split().temporalSplit() && !raw.timestamped()) {
            throw new InvalidInputException("split", untimed(raw));
        }
        Map<String, Integer> userIds = new HashMap<>();
        Map<ItemId, Integer> itemIds = new HashMap<>();
        List<String> userNames = new ArrayList<>();
        List<ItemId> itemNames = new ArrayList<>();
        int[] user = new int[n];
        int[] item = new int[n];
        for (int e = 0; e < n; e++) {
            Interaction in = events.get(e);
            user[e] = userIds.computeIfAbsent(in.userId(), k -> {
                userNames.add(k);
                return userNames.size() - 1;
            });
            item[e] = itemIds.computeIfAbsent(in.itemId(), k -> {
                itemNames.add(k);
                return itemNames.size() - 1;
            });
        }

        // Stable order by (user, timestamp): ties keep input order.
        Integer[] order = new Integer[n];
        for (int e = 0; e < n; e++) {
            order[e] = e;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(e -> user[e])
                .thenComparingLong(e -> events.get(e).timestamp()));

        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        int userMin = Math.max(params.kCore(), params.minUserInteractions());
        int itemMin = params.kCore();
        int iterations = 0;
        int[] userCount = new int[userNames.size()];
        int[] itemCount = new int[itemNames.size()];
        while (true) {
            iterations++;
            Arrays.fill(userCount, 0);
            Arrays.fill(itemCount, 0);
            for (int e = 0; e < n; e++) {
                if (alive[e]) {
                    userCount[user[e]]++;
                    itemCount[item[e]]++;
                }
            }
            boolean removed = false;
            for (int e = 0; e < n; e++) {
                if (alive[e] && (userCount[user[e]] < userMin || itemCount[item[e]] < itemMin)) {
                    alive[e] = false;
                    removed = true;
                }
            }
            if (!removed) {
                break;
            }
        }

        // Dense item indices 1..N in natural id order; users in natural id order.
        List<Integer> keptItems = new ArrayList<>();
        for (int i = 0; i < itemNames.size(); i++) {
            if (itemCount[i] > 0) {
                keptItems.add(i);
            }
        }
        keptItems.sort((a, b) -> itemNames.get(a).compareTo(itemNames.get(b)));
        int[] dense = new int[itemNames.size()];
        Map<ItemId, Item> catalogue = new HashMap<>();
        for (Item it : raw.items()) {
            catalogue.put(it.id(), it);
        }
        List<Item> items = new ArrayList<>(keptItems.size());
        for (int d = 0; d < keptItems.size(); d++) {
            int i = keptItems.get(d);
            dense[i] = d + 1;
            ItemId id = itemNames.get(i);
            items.add(catalogue.getOrDefault(id, new Item(id, Map.of())));
        }

        int[][] seqs = new int[userNames.size()][];
        long[][] times = new long[userNames.size()][];
        int[] fill = new int[userNames.size()];
        for (int u = 0; u < seqs.length; u++) {
            seqs[u] = new int[userCount[u]];
            times[u] = new long[userCount[u]];
        }
        int kept = 0;
        for (Integer e : order) {
            if (alive[e]) {
                times[user[e]][fill[user[e]]] = events.get(e).timestamp();
                seqs[user[e]][fill[user[e]]++] = dense[item[e]];
                kept++;
            }
        }
        List<Integer> keptUsers = new ArrayList<>();
        for (int u = 0; u < seqs.length; u++) {
            if (seqs[u].length > 0) {
                keptUsers.add(u);
            }
        }
        keptUsers.sort((a, b) -> NaturalOrder.compare(userNames.get(a), userNames.get(b)));
        List<UserSequence> users = new ArrayList<>(keptUsers.size());
        for (int u : keptUsers) {
            users.add(new UserSequence(userNames.get(u), seqs[u], times[u]));
        }
        FilterStats stats = new FilterStats(userNames.size(), itemNames.size(), n,
                users.size(), items.size(), kept, iterations);
        if (users.isEmpty()) {
            throw new InvalidInputException("location", "dataset " + raw.name() + ": no user survives the " + params.kCore()
                    + "-core filter (min " + params.minUserInteractions() + " interactions per user)");
        }
        DatasetSplit split = new DatasetSplit(raw.name(), params, stats, items, users, fingerprint(params, items, users));
        if (params.split().temporalSplit()
                && (split.cases(EvalTarget.VALIDATION) == 0 || split.cases(EvalTarget.TEST) == 0)) {
            throw new InvalidInputException("split", "dataset " + raw.name() + ": the split " + params.split()
                    + " leaves " + split.cases(EvalTarget.VALIDATION) + " validation and " + split.cases(EvalTarget.TEST)
                    + " test targets (a target needs an earlier event of its user); choose other cut points");
        }
        return split;
    }

    /** Why a source without time cannot be split in time, and what to do instead. */
    static String untimed(RawDataset raw) {
        return "dataset " + raw.name() + " (" + raw.format() + ") has no timestamps, only each user's order, so a "
                + "global time split is impossible; use the leave-one-out split, or a layout with timestamps "
                + "(RecBole .inter or interactions.csv, docs/datasets.md)";
    }

    /**
     * sha256 over parameters, the item mapping and every sequence, in a fixed text form. A temporal
     * split adds its cut points and every event's timestamp (the cuts follow from them); the text of a
     * leave-one-out split is what it always was, so registered datasets keep their fingerprints.
     */
    static String fingerprint(PreparationParams params, List<Item> items, List<UserSequence> users) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        boolean temporal = params.split().temporalSplit();
        sb.append("k=").append(params.kCore()).append(";min=").append(params.minUserInteractions());
        if (temporal) {
            sb.append(";split=").append(params.split().canonical());
        }
        sb.append('\n');
        for (Item it : items) {
            sb.append(it.id().value()).append('\n');
        }
        sha.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (UserSequence s : users) {
            sb.setLength(0);
            sb.append(s.userId()).append(':');
            for (int i : s.items()) {
                sb.append(i).append(',');
            }
            if (temporal) {
                sb.append('@');
                for (long t : s.timestamps()) {
                    sb.append(t).append(',');
                }
            }
            sb.append('\n');
            sha.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
