package io.h2rec.lab;

import io.h2rec.proto.serving.v1.ItemExplanation;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.proto.serving.v1.ScoredItem;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An explained RankResponse as a table for people: parts, gate, semantic IDs, nearest history items, titles. */
final class ExplanationPrinter {
    private static final int TITLE = 48;
    private static final int NEAREST = 3;

    private final PrintStream out;
    private final Function<String, String> titles;

    ExplanationPrinter(PrintStream out, Function<String, String> titles) {
        this.out = out;
        this.titles = titles;
    }

    /**
     * @param history  the history sent, oldest first
     * @param heldOut  the item the user consumed next (the dataset's test target), or null
     * @param codes    semantic IDs of history items, as serving explains them (may lack some)
     */
    void print(String who, List<String> history, String heldOut, RankResponse r, Map<String, List<Integer>> codes) {
        int w = Math.max(8, java.util.stream.Stream.concat(history.stream(), r.getItemsList().stream().map(ScoredItem::getItemId))
                .mapToInt(String::length).max().orElse(0));
        out.printf("Explained ranking for %s, by model version %s%n", who, r.getModelVersion());
        out.printf("history: %d items sent, the %d most recent fed to the model (oldest first)%n", history.size(),
                r.getHistoryUsed());
        for (String item : history.subList(history.size() - r.getHistoryUsed(), history.size())) {
            out.printf("  %-" + w + "s %-16s %s%n", item, sid(codes.getOrDefault(item, List.of())), title(item));
        }
        if (!r.getUnknownItemsList().isEmpty()) {
            out.println("unknown to the model (ignored): " + String.join(", ", r.getUnknownItemsList()));
        }
        if (r.getPopularityFallback()) {
            out.println("no known history item: ranked by training popularity, nothing to explain");
        }
        if (r.getGateWeightsCount() > 0) {
            out.println("gate weights per SID level, coarse first: " + r.getGateWeightsList().stream()
                    .map(g -> String.format("%.3f", g)).collect(Collectors.joining(" ")));
        }
        List<String> parts = r.getScorePartsList();
        if (!parts.isEmpty()) {
            out.println("score = " + String.join(" + ", parts) + (r.getGateWeightsCount() == 0 ? " (no gate in this model)" : ""));
        }
        out.println();
        out.printf("%4s  %-" + w + "s %9s %9s %11s  %-16s %6s  %-16s %s%n", "rank", "item", "score", "hash_id", "semantic_id",
                "semantic ID", "shared", "with history", "title");
        int rank = 0;
        String found = null;
        for (ScoredItem s : r.getItemsList()) {
            rank++;
            ItemExplanation e = s.getExplanation();
            String mark = s.getItemId().equals(heldOut) ? "*" : " ";
            if (mark.equals("*")) {
                found = "the held-out item " + heldOut + " is ranked " + rank;
            }
            out.printf("%3d%s  %-" + w + "s %9.4f %9s %11s  %-16s %6s  %-16s %s%n", rank, mark, s.getItemId(), s.getScore(),
                    e.hasHashIdPart() ? String.format("%.4f", e.getHashIdPart()) : "-",
                    e.hasSemanticIdPart() ? String.format("%.4f", e.getSemanticIdPart()) : "-",
                    sid(e.getSemanticIdList()), e.getSemanticIdCount() == 0 ? "-" : String.valueOf(e.getSharedPrefixLength()),
                    nearest(e.getSharedPrefixItemsList()), title(s.getItemId()));
        }
        if (heldOut != null) {
            out.println();
            out.println(found != null ? found + " (*)" : "the held-out item " + heldOut + " (" + title(heldOut)
                    + ") is not in the top " + r.getItemsCount());
        }
        out.println("shared: leading SID levels the item shares with its nearest history items (listed most recent first)");
    }

    private String title(String item) {
        String t = titles.apply(item);
        if (t.isEmpty()) {
            return "(not in the dataset's items)";
        }
        return t.length() <= TITLE ? t : t.substring(0, TITLE - 3) + "...";
    }

    private static String sid(List<Integer> codes) {
        return codes.isEmpty() ? "-" : codes.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static String nearest(List<String> items) {
        if (items.isEmpty()) {
            return "-";
        }
        String shown = String.join(",", items.subList(0, Math.min(NEAREST, items.size())));
        return items.size() > NEAREST ? shown + " +" + (items.size() - NEAREST) : shown;
    }
}
