package io.h2rec.adapter.out.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ExperimentPlan;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an experiment plan (deploy/experiments/*.yaml):
 * <pre>
 * name: repro                      # prefix of the experiments it registers
 * seeds: {main: [42, 43, 44], ablation: [42]}
 * entries:
 *   - {label: sasrec, model: sasrec, seeds: main}
 *   - {label: h2rec_pq, model: h2rec, quantizer: pq, seeds: ablation, params: {loss: ce}}
 *   - {label: h2rec, model: h2rec, seeds: main, tuned: {lambda_item: 0.3}}
 * </pre>
 * {@code params} define the entry (an ablation's switch, a search's change); {@code tuned} are the values chosen
 * on validation, which a {@code --profile} (e.g. the paper's setting) replaces.
 * Unknown keys, wrong types and missing fields are errors that name the file and the entry.
 */
public final class PlanFile {
    /** A key given twice (a second {@code entries:}, a second {@code label:}) is an error, not "the last wins". */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Plans are a few KB; the YAML parser's time grows with the square of a line's length. */
    static final long MAX_BYTES = 1 << 20;
    private static final Set<String> TOP = Set.of("name", "seeds", "entries");
    private static final Set<String> ENTRY = Set.of("label", "model", "quantizer", "seeds", "params", "tuned");

    private PlanFile() {
    }

    public static ExperimentPlan read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("plan file " + file + " is a directory; name a .yaml file in it");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("plan file " + file + " not found (relative paths are read from "
                    + Path.of("").toAbsolutePath() + "; deploy/h2rec runs from the repository root)");
        }
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("plan " + file + ": " + size + " bytes, more than a plan's "
                        + MAX_BYTES + "; is it the right file?");
            }
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                // SnakeYAML's own mark is where the problem is ("expected ',' or '}'"); Jackson's is where it stopped.
                if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                    throw new IllegalArgumentException("plan " + file + " line " + (m.getProblemMark().getLine() + 1)
                            + " column " + (m.getProblemMark().getColumn() + 1) + ": " + m.getProblem()
                            + (m.getContext() == null ? "" : " (" + m.getContext() + ")"), e);
                }
            }
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("plan " + file + (at == null ? "" : " line " + at.getLineNr() + " column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("not YAML"), e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("plan " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("plan " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new IllegalArgumentException("plan " + file + ": " + e.getMessage(), e);
        }
    }

    static ExperimentPlan parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with " + TOP);
        }
        keys(root, TOP, "the plan");
        Map<String, List<Long>> seeds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = field(root, "seeds", "the plan").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            List<Long> list = new ArrayList<>();
            if (!g.getValue().isArray() || g.getValue().isEmpty()) {
                throw new IllegalArgumentException("seed group '" + g.getKey() + "' must be a non-empty list of integers");
            }
            for (JsonNode s : g.getValue()) {
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    throw new IllegalArgumentException("seed group '" + g.getKey() + "': '" + s.asText() + "' is not a whole number (64-bit)");
                }
                list.add(s.asLong());
            }
            seeds.put(g.getKey(), list);
        }
        List<ExperimentPlan.Entry> entries = new ArrayList<>();
        JsonNode list = field(root, "entries", "the plan");
        if (!list.isArray()) {
            throw new IllegalArgumentException("entries must be a list");
        }
        int i = 0;
        for (JsonNode e : list) {
            i++;
            String where = "entry " + i;
            keys(e, ENTRY, where);
            Map<String, String> params = values(e, "params", where);
            Map<String, String> tuned = values(e, "tuned", where);
            JsonNode q = e.get("quantizer");
            entries.add(new ExperimentPlan.Entry(text(e, "label", where), text(e, "model", where),
                    q == null || q.isNull() ? null : q.asText(), text(e, "seeds", where), params, tuned));
        }
        return new ExperimentPlan(text(root, "name", "the plan"), seeds, entries);
    }

    /** An entry's mapping of parameter values ({@code params} or {@code tuned}), empty when absent. */
    private static Map<String, String> values(JsonNode e, String key, String where) {
        Map<String, String> values = new TreeMap<>();
        JsonNode p = e.get(key);
        if (p != null) {
            if (!p.isObject()) {
                throw new IllegalArgumentException(where + ": " + key + " must be a mapping");
            }
            p.fields().forEachRemaining(f -> {
                if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                    throw new IllegalArgumentException(where + ": parameter " + f.getKey() + " must be a value");
                }
                values.put(f.getKey(), f.getValue().asText());
            });
        }
        return values;
    }

    private static void keys(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'; known: " + new java.util.TreeSet<>(known));
            }
        });
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode v = field(node, name, where);
        if (!v.isTextual() && !v.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be a string");
        }
        return v.asText();
    }
}
