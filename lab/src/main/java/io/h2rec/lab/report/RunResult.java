package io.h2rec.lab.report;

import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.Run;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One finished run as the reports see it.
 *
 * @param model   the label in the result files (registry model name, plus the quantizer for swaps)
 * @param changes  its parameters that differ from its model's defaults (ModelCheck.changes), e.g. {hidden=128}
 * @param codebook what built the semantic IDs it used (the ledger's descriptor: registry ids differ per machine),
 *                 null for a model without them
 */
public record RunResult(String model, long seed, Run run, List<MetricValue> metrics, Map<String, String> changes,
                        CodebookDescriptor codebook) {
    public RunResult {
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));   // sorted: the report names them in order
    }

    public RunResult(String model, long seed, Run run, List<MetricValue> metrics, Map<String, String> changes) {
        this(model, seed, run, metrics, changes, null);
    }

    public RunResult(String model, long seed, Run run, List<MetricValue> metrics) {
        this(model, seed, run, metrics, Map.of());
    }

    /**
     * The codebook in a few words, e.g. "rqkmeans 4×256 (codes 1a2b3c4d)", or "-". Two runs whose digests differ
     * trained on different semantic IDs of the same settings; lines written before 2026-12-01 carry no digest.
     */
    public String codebookLabel() {
        return codebook == null ? "-" : codebook.quantizer() + " " + codebook.levels() + "×" + codebook.codebookSize()
                + (codebook.codes() == null ? "" : " (codes " + codebook.codes().substring(0, 8) + ")");
    }

    public OptionalDouble test(Protocol protocol, String group, String metric, int k) {
        return metrics.stream().filter(m -> m.split() == EvalTarget.TEST && m.protocol() == protocol
                        && m.group().equals(group) && m.metric().equals(metric) && m.k() == k)
                .mapToDouble(MetricValue::value).findFirst();
    }
}
