package io.h2rec.adapter.out.dataset;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --dataset check every command makes before anything starts. */
class DatasetInputsTest {
    @Test
    void aMissingDatasetSaysWhatWasExpected(@TempDir Path dir) throws IOException {
        Path clone = Files.createDirectories(dir.resolve("clone"));
        String shared = clone.resolve("../shared/data/movielens-100k").toString();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetInputs.dataset(shared));
        assertTrue(e.getMessage().startsWith("no datasets in " + dir.resolve("shared/data") + ": the commands read"),
                e.getMessage());
        Files.createDirectories(dir.resolve("shared/data"));
        e = assertThrows(InvalidInputException.class, () -> DatasetInputs.dataset(shared));
        assertTrue(e.getMessage().startsWith("dataset " + dir.resolve("shared/data/movielens-100k") + " not found"),
                e.getMessage());
        Files.createDirectories(dir.resolve("shared/data/movielens-100k"));
        e = assertThrows(InvalidInputException.class, () -> DatasetInputs.dataset(shared));
        assertTrue(e.getMessage().startsWith("no known dataset layout"), e.getMessage());
        Files.writeString(dir.resolve("shared/data/movielens-100k/ml.inter"), "user_id:token\titem_id:token\n");
        DatasetInputs.dataset(shared);
    }
}
