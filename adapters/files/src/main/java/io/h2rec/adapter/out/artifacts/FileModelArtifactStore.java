package io.h2rec.adapter.out.artifacts;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.port.out.ModelArtifactStore;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model artifact is a directory: {@code weights.bin} (every array, little-endian float32, in
 * manifest order) and {@code manifest.json} (format, model type, config, item-id mapping, array
 * names/shapes/offsets, sha256 of weights.bin, provenance). Written to a temporary directory and
 * moved into place, so a reader never sees half an artifact.
 */
public final class FileModelArtifactStore implements ModelArtifactStore {
    public static final String FORMAT = "h2rec-weights/1";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path root;

    public FileModelArtifactStore(Path root) {
        this.root = root;
    }

    @Override
    public Saved save(String name, ModelWeights weights, Provenance provenance) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("artifact name '" + name + "' must be [A-Za-z0-9._-]+");
        }
        Path target = root.resolve(name);
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, "." + name + "-");
            String checksum = writeWeights(tmp.resolve("weights.bin"), weights);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("modelType", weights.modelType());
            manifest.set("config", JSON.valueToTree(weights.config()));
            ArrayNode items = manifest.putArray("items");
            weights.itemIds().forEach(id -> items.add(id.value()));
            ArrayNode arrays = manifest.putArray("arrays");
            long offset = 0;
            for (Map.Entry<String, ModelWeights.Array> e : weights.arrays().entrySet()) {
                ObjectNode a = arrays.addObject();
                a.put("name", e.getKey());
                a.set("shape", JSON.valueToTree(e.getValue().shape()));
                a.put("offset", offset);
                offset += 4L * e.getValue().values().length;
            }
            manifest.put("weightsSha256", checksum);
            manifest.set("provenance", JSON.valueToTree(provenance));
            JSON.writeValue(tmp.resolve("manifest.json").toFile(), manifest);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Saved(target.toAbsolutePath().toUri().toString(), checksum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model artifact " + target, e);
        }
    }

    @Override
    public ModelWeights load(String uri) {
        Path dir = Path.of(java.net.URI.create(uri));
        try {
            JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
            if (!FORMAT.equals(m.path("format").asText())) {
                throw new IllegalStateException(dir + ": unknown artifact format '" + m.path("format").asText() + "'");
            }
            byte[] bytes = Files.readAllBytes(dir.resolve("weights.bin"));
            String checksum = HexFormat.of().formatHex(sha256().digest(bytes));
            if (!checksum.equals(m.path("weightsSha256").asText())) {
                throw new IllegalStateException(dir + ": weights.bin checksum " + checksum + " does not match the "
                        + "manifest's " + m.path("weightsSha256").asText());
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Map<String, ModelWeights.Array> arrays = new LinkedHashMap<>();
            for (JsonNode a : m.path("arrays")) {
                int[] shape = JSON.treeToValue(a.path("shape"), int[].class);
                long n = 1;
                for (int s : shape) {
                    n *= s;
                }
                float[] values = new float[Math.toIntExact(n)];
                buf.position(Math.toIntExact(a.path("offset").asLong()));
                buf.asFloatBuffer().get(values);
                arrays.put(a.path("name").asText(), new ModelWeights.Array(shape, values));
            }
            Map<String, String> config = new LinkedHashMap<>();
            m.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            List<ItemId> items = new ArrayList<>();
            m.path("items").forEach(i -> items.add(new ItemId(i.asText())));
            return new ModelWeights(m.path("modelType").asText(), config, items, arrays);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model artifact " + dir, e);
        }
    }

    /** {@code checkpoints/<name>.ckpt} under the artifact root (see {@link FileCheckpoints}). */
    @Override
    public RunCheckpoints checkpoints(String name) {
        return new FileCheckpoints(checkpointFile(name));
    }

    @Override
    public void deleteCheckpoint(String name) {
        new FileCheckpoints(checkpointFile(name)).delete();
    }

    private Path checkpointFile(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("checkpoint name '" + name + "' must be [A-Za-z0-9._-]+");
        }
        return root.resolve("checkpoints").resolve(name + ".ckpt");
    }

    private static String writeWeights(Path file, ModelWeights weights) throws IOException {
        MessageDigest sha = sha256();
        try (OutputStream raw = Files.newOutputStream(file);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
             DataOutputStream out = new DataOutputStream(digest)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (ModelWeights.Array a : weights.arrays().values()) {
                for (float v : a.values()) {
                    if (chunk.remaining() < 4) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(v);
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
