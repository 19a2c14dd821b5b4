package io.h2rec.domain.model;

import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.SplitProtocol;

import java.util.Map;
import java.util.TreeMap;

/**
 * Identity of a run's inputs: two runs with the same hash would compute the same thing, so a
 * sweep can skip runs already SUCCEEDED. The split enters the text only when it is not
 * leave-one-out, so every hash made before splits were a parameter stays what it was (a temporal
 * split's dataset fingerprint differs anyway; naming it keeps the hash self-describing).
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(String datasetFingerprint, Long codebookId, String model, Map<String, String> config,
                            long seed, EvaluationProtocol protocol, SplitProtocol split) {
        return hash(datasetFingerprint, String.valueOf(codebookId), model, config, seed, protocol, split);
    }

    /**
     * The run's identity across registries (the run ledger's key): the codebook by what built it,
     * not by an id that only means something in one registry.
     */
    public static String portable(String datasetFingerprint, CodebookDescriptor codebook, String model,
                                  Map<String, String> config, long seed, EvaluationProtocol protocol,
                                  SplitProtocol split) {
        return hash(datasetFingerprint, codebook == null ? "none" : codebook.canonical(), model, config, seed, protocol,
                split);
    }

    private static String hash(String datasetFingerprint, String codebook, String model, Map<String, String> config,
                               long seed, EvaluationProtocol protocol, SplitProtocol split) {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset=").append(datasetFingerprint).append('\n');
        sb.append("codebook=").append(codebook).append('\n');
        sb.append("model=").append(model).append('\n');
        new TreeMap<>(config).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("seed=").append(seed).append('\n');
        sb.append("protocol=").append(protocol).append('\n');
        if (split != null && split.temporalSplit()) {
            sb.append("split=").append(split.canonical()).append('\n');
        }
        return Sha256.hex(sb.toString());
    }
}
