package io.h2rec.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.in.cli.Inputs;
import io.h2rec.adapter.out.artifacts.FileModelArtifactStore;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.adapter.out.dataset.FileSequenceSource;
import io.h2rec.adapter.out.inference.JavaInferenceEngine;
import io.h2rec.adapter.out.results.OutputPaths;
import io.h2rec.domain.dataset.DatasetPreparation;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.evaluation.Evaluator;
import io.h2rec.domain.evaluation.SharedTupleGroups;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.WeightNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Why a model gains or loses on the tail: trained models' full-ranking HR@K and NDCG@K on a dataset's validation
 * (or test) targets, split by head / tail and by whether the target's semantic ID is shared — another item has
 * its whole tuple, so only the hash ID tells them apart. Reads run artifacts and the dataset's files; no
 * database, nothing written but --out. The tuples are those of the first artifact that has semantic IDs.
 */
@Command(name = "sid-groups", mixinStandardHelpOptions = true,
        description = "Full-ranking HR/NDCG of trained models split by head/tail and by whether the target's semantic ID "
                + "is shared with another item; validation targets by default.")
final class SidGroupsCommand implements Callable<Integer>, Checked {
    static final String HEADER = "artifact,model,split,group,support,hr,ndcg,k";

    @Option(names = "--dataset", paramLabel = "PATH", defaultValue = "${env:H2REC_DATASET:-../shared/data/amazon-beauty}",
            description = "The dataset the runs were trained on (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--artifact", paramLabel = "DIR",
            description = "A run's artifact directory, e.g. $H2REC_HOME/artifacts/run-11 (repeatable; one column each).")
    List<Path> artifacts = new ArrayList<>();
    @Option(names = "--target", defaultValue = "validation",
            description = "Whose targets: validation (default) or test (read test figures once, after every choice).")
    String target;
    @Option(names = "--k", defaultValue = "10", description = "Cut-off K (default: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--out", paramLabel = "CSV", description = "Also write the rows here.")
    Path out;

    PrintStream stdout = System.out;
    /** Each artifact's model type, as loaded. */
    private final List<String> models = new ArrayList<>();

    @Override
    public void check() {
        DatasetInputs.dataset(dataset);
        if (artifacts.isEmpty()) {
            throw new IllegalArgumentException("give the runs to compare: --artifact DIR (repeatable), e.g. "
                    + "$H2REC_HOME/artifacts/run-11");
        }
        Inputs.atLeast("--k", k, 1);
        if (k > 1000) {
            throw new IllegalArgumentException("--k must be at most 1000, got " + k);
        }
        if (!List.of("validation", "test").contains(target)) {
            throw new IllegalArgumentException("--target is validation or test, got '" + target + "'");
        }
        if (artifacts.size() > 16) {
            throw new IllegalArgumentException("--artifact: at most 16, got " + artifacts.size());
        }
        Set<Path> seen = new HashSet<>();
        for (Path a : artifacts) {
            if (!Files.exists(a)) {
                throw new IllegalArgumentException("--artifact " + a + " does not exist");
            }
            if (!Files.isDirectory(a) || !Files.isRegularFile(a.resolve("manifest.json"))) {
                throw new IllegalArgumentException("--artifact " + a + (Files.isDirectory(a) ? " holds no manifest.json"
                        : " is a file") + ": give a run's artifact directory, e.g. $H2REC_HOME/artifacts/run-11");
            }
            if (!seen.add(a.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--artifact " + a + " is given twice");
            }
        }
        if (out != null) {
            OutputPaths.file("--out", out);
        }
    }

    @Override
    public Integer call() throws IOException {
        check();
        EvalTarget split = target.equals("test") ? EvalTarget.TEST : EvalTarget.VALIDATION;
        DatasetSplit data = DatasetPreparation.prepare(new FileSequenceSource().load(dataset), PreparationParams.DEFAULT);
        List<ModelWeights> weights = new ArrayList<>();
        int[][] codes = null;
        Path codesFrom = null;
        for (Path a : artifacts) {
            requireLeaveOneOut(a, data);
            ModelWeights w = load(a);
            requireTrainedOn(a, w, data);
            weights.add(w);
            models.add(w.modelType());
            if (w.has(WeightNames.SID_CODES)) {
                int[][] c = codes(a, w, data);
                if (codes == null) {
                    codes = c;
                    codesFrom = a;
                } else if (!Arrays.deepEquals(codes, c)) {
                    throw new InvalidInputException("--artifact", a + " was trained on other semantic IDs than " + codesFrom
                            + ": its shared tuples are not the same items; compare runs of one codebook");
                }
            }
        }
        if (codes == null) {
            throw new InvalidInputException("--artifact", "none of the artifacts has semantic IDs: add a run of a model "
                    + "that uses them (h2rec, sid_only, naive_fusion)");
        }
        boolean[] shared = SharedTupleGroups.shared(codes);
        Evaluator evaluator = new Evaluator(data, EvaluationProtocol.DEFAULT);
        boolean[] head = new boolean[data.numItems() + 1];
        for (int i = 1; i <= data.numItems(); i++) {
            head[i] = evaluator.groups().isHead(i);   // the evaluator's own head/tail cut
        }
        int[] targets = new int[data.cases(split)];
        for (int c = 0; c < targets.length; c++) {
            targets[c] = data.caseTarget(split, c);
        }
        List<List<SharedTupleGroups.Row>> columns = new ArrayList<>();
        for (ModelWeights w : weights) {
            int[] ranks = evaluator.fullRanks(new JavaInferenceEngine().load(w), split);
            columns.add(SharedTupleGroups.summarise(targets, ranks, head, shared, k));
        }
        print(data, split, shared, codesFrom, columns);
        if (out != null) {
            write(split, columns);
        }
        return 0;
    }

    private void print(DatasetSplit data, EvalTarget split, boolean[] shared, Path codesFrom,
                       List<List<SharedTupleGroups.Row>> columns) {
        int sharedItems = 0;
        for (int i = 1; i < shared.length; i++) {
            sharedItems += shared[i] ? 1 : 0;
        }
        stdout.printf(Locale.ROOT, "%s, %s targets, full ranking @%d; %,d of %,d items share their whole semantic ID "
                + "with another (the codes of %s)%n", data.name(), split.name().toLowerCase(Locale.ROOT), k, sharedItems,
                data.numItems(), codesFrom.getFileName());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s %8s", "group", "targets"));
        for (int a = 0; a < artifacts.size(); a++) {
            head.append(String.format(Locale.ROOT, "  %-22s", label(a)));
        }
        stdout.println(head);
        for (int g = 0; g < SharedTupleGroups.GROUPS.size(); g++) {
            SharedTupleGroups.Row first = columns.get(0).get(g);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-12s %8d", first.group(), first.support()));
            for (List<SharedTupleGroups.Row> col : columns) {
                SharedTupleGroups.Row r = col.get(g);
                row.append(String.format(Locale.ROOT, "  HR %.4f NDCG %.4f   ", r.hr(), r.ndcg()));
            }
            stdout.println(row);
        }
    }

    private void write(EvalTarget split, List<List<SharedTupleGroups.Row>> columns) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int a = 0; a < columns.size(); a++) {
            for (SharedTupleGroups.Row r : columns.get(a)) {
                lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.6f,%.6f,%d", artifacts.get(a).getFileName(),
                        modelOf(a), split.name().toLowerCase(Locale.ROOT), r.group(), r.support(), r.hr(), r.ndcg(), k));
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);   // checked before: it can be made
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        stdout.println("wrote " + out);
    }

    private String label(int a) {
        return artifacts.get(a).getFileName() + " (" + modelOf(a) + ")";
    }

    private String modelOf(int a) {
        return models.get(a);
    }

    /** A run's weights, or a user mistake naming the artifact and what is wrong with it (exit 2, one line). */
    private static ModelWeights load(Path artifact) {
        try {
            return new FileModelArtifactStore(artifact.toAbsolutePath().getParent()).load(artifact.toAbsolutePath().toUri()
                    .toString());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
            throw new InvalidInputException("--artifact", artifact + " is not a readable model artifact ("
                    + (why == null ? e.getClass().getSimpleName() : why.lines().findFirst().orElse("")) + ")");
        }
    }

    /**
     * The run was trained on this dataset under the default preparation (5-core, leave-one-out), as its manifest's
     * provenance says: a temporal run's targets and head/tail are another split's. Artifacts without provenance pass.
     */
    private static void requireLeaveOneOut(Path artifact, DatasetSplit data) {
        JsonNode p;
        try {
            p = new ObjectMapper().readTree(artifact.resolve("manifest.json").toFile())
                    .path("provenance");
        } catch (IOException e) {
            return;   // load() names what is wrong with the manifest
        }
        String fingerprint = p.path("datasetFingerprint").asText("");
        if (!fingerprint.isEmpty() && !fingerprint.equals(data.fingerprint())) {
            throw new InvalidInputException("--artifact", artifact + " was trained on other data than " + data.name()
                    + " as prepared here (fingerprint " + fingerprint.substring(0, Math.min(12, fingerprint.length()))
                    + ", here " + data.fingerprint().substring(0, 12) + ")");
        }
        JsonNode prep = p.path("preparation");
        if (!prep.isMissingNode() && !prep.path("split").path("kind").asText("LEAVE_ONE_OUT").equals("LEAVE_ONE_OUT")) {
            throw new InvalidInputException("--artifact", artifact + " was trained under a " + prep.path("split").path("kind")
                    .asText().toLowerCase(Locale.ROOT) + " split; sid-groups reads leave-one-out runs");
        }
    }

    /** The artifact ranks this split's items under the same indices, or it was trained on other data. */
    private static void requireTrainedOn(Path artifact, ModelWeights w, DatasetSplit data) {
        if (!w.ranksItemsOf(data)) {
            throw new InvalidInputException("--artifact", artifact + ": its " + w.numItems() + " items are not the "
                    + data.numItems() + " items of " + data.name() + " in training order (trained on other data?)");
        }
    }

    /** sid/codes: [items + 1, L], row 0 padding. */
    private static int[][] codes(Path artifact, ModelWeights w, DatasetSplit data) {
        ModelWeights.Array a = w.array(WeightNames.SID_CODES);
        if (a.shape().length != 2 || a.shape()[0] != data.numItems() + 1 || a.shape()[1] < 1) {
            throw new InvalidInputException("--artifact", artifact + ": its semantic IDs have shape "
                    + Arrays.toString(a.shape()) + ", not [" + (data.numItems() + 1) + ", levels]");
        }
        return a.intMatrix();
    }
}
