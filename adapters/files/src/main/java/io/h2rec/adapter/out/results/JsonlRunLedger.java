package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.port.out.RunLedger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run ledger as JSON lines, one file per dataset ({@code <dir>/<dataset>.jsonl}), meant to be
 * committed: one line per finished run, fields in a fixed order so diffs stay readable. A line
 * that does not parse is an error naming the file and line, never skipped in silence.
 */
public final class JsonlRunLedger implements RunLedger {
    /** Version of the line format; a reader refuses lines of a newer one. */
    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public JsonlRunLedger(Path dir) {
        this.dir = dir;
    }

    public Path file(String datasetName) {
        return dir.resolve(datasetName.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    @Override
    public synchronized List<LedgerRun> read(String datasetName) {
        Path f = file(datasetName);
        if (!Files.exists(f)) {
            return List.of();
        }
        List<LedgerRun> runs = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    runs.add(fromJson(JSON.readTree(lines.get(i))));
                } catch (JsonProcessingException | RuntimeException e) {
                    throw new IllegalStateException("run ledger " + f + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    @Override
    public synchronized boolean append(LedgerRun run) {
        if (read(run.datasetName()).stream().anyMatch(r -> r.key().equals(run.key()))) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(file(run.datasetName()), JSON.writeValueAsString(toJson(run)) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    static ObjectNode toJson(LedgerRun r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("key", r.key());
        o.put("dataset", r.datasetName());
        o.put("datasetFingerprint", r.datasetFingerprint());
        if (r.codebook() == null) {
            o.putNull("codebook");
        } else {
            CodebookDescriptor c = r.codebook();
            ObjectNode cb = o.putObject("codebook");
            cb.put("quantizer", c.quantizer());
            cb.put("levels", c.levels());
            cb.put("codebookSize", c.codebookSize());
            cb.put("seed", c.seed());
            ObjectNode opts = cb.putObject("options");
            new TreeMap<>(c.options()).forEach(opts::put);
            cb.put("encoder", c.encoderId());
            cb.put("textTemplate", c.textTemplate());
        }
        o.put("model", r.model());
        ObjectNode config = o.putObject("config");
        new TreeMap<>(r.config()).forEach(config::put);
        o.put("seed", r.seed());
        o.put("protocol", r.protocol());
        o.put("codeVersion", r.codeVersion());
        o.put("device", r.device());
        o.put("host", r.host());
        o.put("sourceRunId", r.sourceRunId());
        putInstant(o, "startedAt", r.startedAt());
        putInstant(o, "finishedAt", r.finishedAt());
        o.put("epochs", r.epochs());
        o.put("bestEpoch", r.bestEpoch());
        putNumber(o, "bestValidationNdcg", r.bestValidationNdcg());
        putNumber(o, "secondsPerEpoch", r.secondsPerEpoch());
        ArrayNode metrics = o.putArray("metrics");
        for (MetricValue m : r.metrics()) {
            metrics.addArray().add(m.split().name()).add(m.protocol().name()).add(m.group()).add(m.metric()).add(m.k())
                    .add(m.value());
        }
        if (!r.curve().isEmpty()) {   // [epoch, loss, valid NDCG@10 or null]; absent when the run kept none
            ArrayNode curve = o.putArray("curve");
            for (EpochPoint p : r.curve()) {
                ArrayNode a = curve.addArray().add(p.epoch()).add(p.loss());
                if (Double.isFinite(p.validationNdcg())) {
                    a.add(p.validationNdcg());
                } else {
                    a.addNull();
                }
            }
        }
        return o;
    }

    static LedgerRun fromJson(JsonNode o) {
        int schema = o.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("schema " + schema + ", this code reads " + SCHEMA);
        }
        JsonNode cb = o.get("codebook");
        CodebookDescriptor codebook = cb == null || cb.isNull() ? null
                : new CodebookDescriptor(text(cb, "quantizer"), cb.path("levels").asInt(), cb.path("codebookSize").asInt(),
                cb.path("seed").asLong(), strings(cb.path("options")), text(cb, "encoder"), text(cb, "textTemplate"));
        List<MetricValue> metrics = new ArrayList<>();
        for (JsonNode m : o.path("metrics")) {
            metrics.add(new MetricValue(EvalTarget.valueOf(m.get(0).asText()), Protocol.valueOf(m.get(1).asText()),
                    m.get(2).asText(), m.get(3).asText(), m.get(4).asInt(), m.get(5).asDouble()));
        }
        List<EpochPoint> curve = new ArrayList<>();
        for (JsonNode p : o.path("curve")) {
            curve.add(new EpochPoint(p.get(0).asInt(), p.get(1).asDouble(), p.get(2).isNull() ? Double.NaN : p.get(2).asDouble()));
        }
        return new LedgerRun(text(o, "key"), text(o, "dataset"), text(o, "datasetFingerprint"), codebook, text(o, "model"),
                strings(o.path("config")), o.path("seed").asLong(), text(o, "protocol"), text(o, "codeVersion"),
                text(o, "device"), text(o, "host"), o.path("sourceRunId").asLong(), instant(o, "startedAt"),
                instant(o, "finishedAt"), o.path("epochs").asInt(), o.path("bestEpoch").asInt(),
                number(o, "bestValidationNdcg"), number(o, "secondsPerEpoch"), metrics, curve);
    }

    /** An unknown instant (a backfilled run) is JSON null; lines written before 2026-11-30 hold the text "null", still read. */
    private static void putInstant(ObjectNode o, String field, Instant at) {
        if (at == null) {
            o.putNull(field);
        } else {
            o.put(field, at.toString());
        }
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() || n.asText().equals("null") ? null : Instant.parse(n.asText());
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
