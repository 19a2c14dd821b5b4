package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.h2rec.domain.model.CodebookDescriptor;
import io.h2rec.domain.model.EpochPoint;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.LedgerRun;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run ledger line as JSON: fields in a fixed order so diffs stay readable, read strictly (a field of the
 * wrong type or an unknown one, a metric out of its range, no metrics: IllegalArgumentException saying what).
 */
final class LedgerLines {
    /** Version of the line format; a reader refuses lines of a newer one. */
    static final int SCHEMA = 1;

    private LedgerLines() {
    }

    static ObjectNode toJson(LedgerRun r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
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
