package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.port.out.RunLedger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run ledger as JSON lines, one file per dataset ({@code <dir>/<dataset>.jsonl}), meant to be
 * committed: one line per finished run, fields in a fixed order so diffs stay readable. Read strictly: a line
 * that does not parse, has a field of the wrong type or an unknown one, a metric out of its range, no metrics,
 * another dataset's run or a key an earlier line has is an error naming the file and line (exit 2 in the
 * commands), never skipped or half-read in silence.
 */
public final class JsonlRunLedger implements RunLedger {
    /** Version of the line format; a reader refuses lines of a newer one. */
    static final int SCHEMA = 1;
    /** Strict: one object per line (a second one after it is an error, not dropped). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("ledger", "the run ledger directory " + dir + " is a file (H2REC_TRAINING_LEDGER_DIR)");
        }
        if (!Files.exists(f)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("ledger", "run ledger " + f + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run ledger " + f, e);
        }
        List<LedgerRun> runs = new ArrayList<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            LedgerRun run;
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                run = fromJson(node);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": not one JSON object ("
                        + e.getOriginalMessage() + ")", e);
            } catch (RuntimeException e) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!run.datasetName().equals(datasetName)) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + ": a run of dataset '"
                        + run.datasetName() + "' in the file of '" + datasetName + "'");
            }
            Integer first = lineOfKey.putIfAbsent(run.key(), i + 1);
            if (first != null) {
                throw new InvalidInputException("ledger", "run ledger " + f + " line " + (i + 1) + " repeats the key of line "
                        + first + " (" + run.key() + "): keep one of them");
            }
            runs.add(run);
        }
        return runs;
    }

    @Override
    public synchronized boolean append(LedgerRun run) {
        String line;
        try {
            line = JSON.writeValueAsString(toJson(run));
            fromJson(JSON.readTree(line));   // the text written: what a reader would refuse is not
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("ledger", "not written to the run ledger: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("ledger", "not written to the run ledger: " + e.getMessage(), e);
        }
        if (read(run.datasetName()).stream().anyMatch(r -> r.key().equals(run.key()))) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Path f = file(run.datasetName());
            // A file whose last line lacks its newline (an editor, a truncated copy) would glue this line onto it.
            String lead = Files.exists(f) && Files.size(f) > 0 && !endsWithNewline(f) ? "\n" : "";
            Files.writeString(f, lead + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public synchronized boolean complete(LedgerRun run) {
        String line;
        try {
            line = JSON.writeValueAsString(toJson(run));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("ledger", "not written to the run ledger: " + e.getOriginalMessage(), e);
        }
        List<LedgerRun> runs = read(run.datasetName());   // the file as it is, checked line by line
        Path f = file(run.datasetName());
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            int at = -1;
            for (int i = 0, r = 0; i < lines.size() && at < 0; i++) {
                if (!lines.get(i).isBlank() && runs.get(r++).key().equals(run.key())) {
                    at = i;
                }
            }
            if (at < 0) {
                return false;
            }
            lines.set(at, line);
            // Written beside and moved over the file: a reader sees the old ledger or the new one, never half.
            Path tmp = Files.createTempFile(dir, "." + f.getFileName(), ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(f)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            c.position(c.size() - 1).read(last);
            return last.get(0) == '\n';
        }
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
            if (c.codes() != null) {   // the digest of its codes; lines written before 2026-12-01 have none
                cb.put("codes", c.codes());
            }
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

    /** Every field a schema-1 line may have; anything else is refused (a newer writer bumps the schema). */
    static final Set<String> FIELDS = Set.of("schema", "key", "dataset", "datasetFingerprint", "codebook", "model", "config",
            "seed", "protocol", "codeVersion", "device", "host", "sourceRunId", "startedAt", "finishedAt", "epochs",
            "bestEpoch", "bestValidationNdcg", "secondsPerEpoch", "metrics", "curve");

    static LedgerRun fromJson(JsonNode o) {
        int schema = o.path("schema").isInt() ? o.path("schema").asInt() : -1;
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("schema " + o.path("schema") + ", this code reads " + SCHEMA);
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (schema " + SCHEMA + " has " + new TreeSet<>(FIELDS) + ")");
            }
        }
        JsonNode cb = o.get("codebook");
        CodebookDescriptor codebook = cb == null || cb.isNull() ? null
                : new CodebookDescriptor(text(cb, "quantizer"), integer(cb, "levels"), integer(cb, "codebookSize"),
                whole(cb, "seed"), strings(cb.path("options")), text(cb, "encoder"), text(cb, "textTemplate"),
                digest(cb));
        JsonNode ms = o.get("metrics");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw new IllegalArgumentException("'metrics' must be a non-empty list: a ledger line is a finished run");
        }
        List<MetricValue> metrics = new ArrayList<>();
        for (JsonNode m : ms) {
            metrics.add(metric(m));
        }
        List<EpochPoint> curve = new ArrayList<>();
        for (JsonNode p : o.path("curve")) {
            if (!p.isArray() || p.size() != 3 || !p.get(0).isInt() || !p.get(1).isNumber() || !Double.isFinite(p.get(1).asDouble())
                    || !(p.get(2).isNull() || p.get(2).isNumber())) {
                throw new IllegalArgumentException("a 'curve' point is [epoch, loss, validation NDCG@10 or null], got " + p);
            }
            curve.add(new EpochPoint(p.get(0).asInt(), p.get(1).asDouble(), p.get(2).isNull() ? Double.NaN : p.get(2).asDouble()));
        }
        return new LedgerRun(text(o, "key"), text(o, "dataset"), text(o, "datasetFingerprint"), codebook, text(o, "model"),
                strings(o.path("config")), whole(o, "seed"), text(o, "protocol"), text(o, "codeVersion"),
                text(o, "device"), text(o, "host"), whole(o, "sourceRunId"), instant(o, "startedAt"),
                instant(o, "finishedAt"), integer(o, "epochs"), integer(o, "bestEpoch"),
                number(o, "bestValidationNdcg"), number(o, "secondsPerEpoch"), metrics, curve);
    }

    /** [split, protocol, group, metric, k, value]: HR and NDCG in [0, 1], support a count of users. */
    private static MetricValue metric(JsonNode m) {
        if (!m.isArray() || m.size() != 6 || !m.get(4).isInt() || !m.get(5).isNumber()) {
            throw new IllegalArgumentException("a metric is [split, protocol, group, metric, k, value] with whole k and a "
                    + "numeric value, got " + m);
        }
        MetricValue v = new MetricValue(EvalTarget.valueOf(m.get(0).asText()), Protocol.valueOf(m.get(1).asText()),
                m.get(2).asText(), m.get(3).asText(), m.get(4).asInt(), m.get(5).asDouble());
        if (!Set.of(MetricValue.HR, MetricValue.NDCG, MetricValue.SUPPORT).contains(v.metric())) {
            throw new IllegalArgumentException("unknown metric '" + v.metric() + "' in " + m);
        }
        if (!v.inRange()) {
            throw new IllegalArgumentException("metric value out of its range (HR and NDCG in [0, 1] at k > 0, support a "
                    + "count): " + m);
        }
        return v;
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
        if (n != null && !n.isNull() && !n.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number or null, got " + n);
        }
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static long whole(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, got " + n);
        }
        return n.asLong();
    }

    private static int integer(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isInt()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, got " + n);
        }
        return n.asInt();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n.asText();
    }

    /** A codebook's "codes": absent (older lines) or a SHA-256 in hex. */
    private static String digest(JsonNode cb) {
        JsonNode n = cb.get("codes");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("a codebook's 'codes' is the SHA-256 of its codes in hex, got " + n);
        }
        return n.asText();   // the descriptor checks its form
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
