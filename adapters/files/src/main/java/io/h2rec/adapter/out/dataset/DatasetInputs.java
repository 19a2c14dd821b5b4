package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.SplitProtocol;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every command makes on its {@code --dataset} and {@code --split} before anything starts,
 * with messages that say what to do; nothing is read but the layout's file names.
 */
public final class DatasetInputs {
    private DatasetInputs() {
    }

    /** A dataset location: it exists and holds a known layout (docs/datasets.md); nothing is read. */
    public static void dataset(String location) {
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            Path shared = sharedData(path);
            if (shared != null && !Files.isDirectory(shared)) {
                throw new InvalidInputException("--dataset", "no datasets in " + shared + ": the commands read the project's "
                        + "shared datasets from ../shared/data beside the repository (not in git, their terms forbid "
                        + "redistribution; README, 'Data'); put them there or pass --dataset PATH (docs/datasets.md)");
            }
            throw new InvalidInputException("--dataset", "dataset " + path + " not found; pass --dataset PATH: a folder in one of "
                    + "the layouts of docs/datasets.md, or an interactions.csv");
        }
        FileSequenceSource.check(location);
    }

    /**
     * The {@code --split} of a dataset, checked against its layout before anything starts: a temporal
     * split needs timestamps (LETTER JSON sets such as Beauty and Yelp have only each user's order).
     */
    public static SplitProtocol split(String option, String value, String location) {
        SplitProtocol split;
        try {
            split = SplitProtocol.parse(value);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
        if (split.temporalSplit() && !FileSequenceSource.timestamped(location)) {
            throw new IllegalArgumentException(option + " " + split + ": " + location + " has no timestamps (LETTER "
                    + "JSON keeps only each user's order), so only leave-one-out is possible there; a temporal split "
                    + "needs a RecBole .inter or interactions.csv with time (docs/datasets.md), e.g. "
                    + "../shared/data/movielens-100k");
        }
        return split;
    }

    /** The .../shared/data folder a path lies in, if it names one. */
    static Path sharedData(Path path) {
        for (Path p = path; p != null && p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals("data") && p.getParent().getFileName() != null
                    && p.getParent().getFileName().toString().equals("shared")) {
                return p;
            }
        }
        return null;
    }
}
