package io.h2rec.lab;

import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.dataset.DatasetPreparation;

import java.util.ArrayList;
import java.util.List;

/** The histories a benchmark sends: a dataset's test inputs (external item ids, oldest first). */
final class Histories {
    private Histories() {
    }

    /** Every user's test input as it is: what serving sees for those users (Beauty: 8 items on average). */
    static List<List<String>> testSplit(String dataset) {
        DatasetSplit split = DatasetPreparation.prepare(new FileSequenceSource().load(dataset), PreparationParams.DEFAULT);
        List<List<String>> out = new ArrayList<>(split.numUsers());
        for (int u = 0; u < split.numUsers(); u++) {
            List<String> h = new ArrayList<>();
            for (int i : split.testInput(u)) {
                h.add(split.item(i).id().value());
            }
            out.add(h);
        }
        return out;
    }

    /**
     * The worst case: histories of exactly {@code length} real items, consecutive windows of the
     * test inputs laid end to end (few users have that many interactions, so they are stitched).
     */
    static List<List<String>> windows(List<List<String>> histories, int length) {
        List<String> stream = new ArrayList<>();
        histories.forEach(stream::addAll);
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from + length <= stream.size(); from += length) {
            out.add(List.copyOf(stream.subList(from, from + length)));
        }
        return out;
    }

    static double meanLength(List<List<String>> histories) {
        return histories.stream().mapToInt(List::size).average().orElse(0);
    }
}
