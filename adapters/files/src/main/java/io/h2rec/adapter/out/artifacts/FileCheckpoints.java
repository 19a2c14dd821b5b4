package io.h2rec.adapter.out.artifacts;

import io.h2rec.domain.model.RunCheckpoints;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.model.TrainingCheckpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One run's checkpoint as a file, {@code checkpoints/<run>.ckpt} beside the artifacts: a header
 * (config hash, epoch, steps, early-stopping state, progress), every array by name, and a SHA-256
 * of all of it. Written to a temporary file, forced to disk and moved into place, so a crash
 * mid-write leaves the previous checkpoint; a file that fails its checksum is ignored (the run
 * then starts over) rather than trusted.
 */
final class FileCheckpoints implements RunCheckpoints {
    private static final Logger LOG = Logger.getLogger(FileCheckpoints.class.getName());
    static final String FORMAT = "h2rec-checkpoint/1";

    private final Path file;

    FileCheckpoints(Path file) {
        this.file = file;
    }

    @Override
    public Optional<TrainingCheckpoint> latest() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        MessageDigest sha = FileModelArtifactStore.sha256();
        try (DataInputStream in = new DataInputStream(new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha))) {
            if (!FORMAT.equals(in.readUTF())) {
                LOG.warning(file + ": not a checkpoint of format " + FORMAT + "; ignored");
                return Optional.empty();
            }
            String hash = in.readUTF();
            int epoch = in.readInt();
            long steps = in.readLong();
            double best = in.readDouble();
            int bestEpoch = in.readInt();
            double seconds = in.readDouble();
            RunProgress p = new RunProgress(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readInt(),
                    in.readDouble(), in.readDouble(), in.readUTF());
            Map<String, float[]> weights = readArrays(in);
            Map<String, float[]> bestWeights = readArrays(in);
            byte[] expected = sha.digest();
            byte[] stored = new byte[expected.length];
            in.readFully(stored);
            if (!Arrays.equals(expected, stored)) {
                LOG.warning(file + ": checksum mismatch (a torn or corrupted write); ignored");
                return Optional.empty();
            }
            return Optional.of(new TrainingCheckpoint(hash, epoch, steps, best, bestEpoch, seconds, p, weights,
                    bestWeights));
        } catch (IOException e) {
            LOG.warning(file + ": unreadable checkpoint (" + e + "); ignored");
            return Optional.empty();
        }
    }

    @Override
    public void save(TrainingCheckpoint c) {
        MessageDigest sha = FileModelArtifactStore.sha256();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (DigestOutputStream digest = new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), sha);
                     DataOutputStream out = new DataOutputStream(digest)) {
                    out.writeUTF(FORMAT);
                    out.writeUTF(c.configHash());
                    out.writeInt(c.epoch());
                    out.writeLong(c.steps());
                    out.writeDouble(c.bestValidation());
                    out.writeInt(c.bestEpoch());
                    out.writeDouble(c.trainSeconds());
                    RunProgress p = c.progress();
                    out.writeInt(p.epoch());
                    out.writeInt(p.maxEpochs());
                    out.writeDouble(p.loss());
                    out.writeDouble(p.validationNdcg());
                    out.writeInt(p.bestEpoch());
                    out.writeDouble(p.bestValidationNdcg());
                    out.writeDouble(p.secondsPerEpoch());
                    out.writeUTF(p.message() == null ? "" : p.message());
                    writeArrays(out, c.weights());
                    writeArrays(out, c.bestWeights());
                    out.flush();
                    digest.on(false);
                    out.write(sha.digest());
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("cannot delete checkpoint " + file + ": " + e);
        }
    }

    private static void writeArrays(DataOutputStream out, Map<String, float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            float[] v = e.getValue();
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        }
    }

    private static Map<String, float[]> readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            float[] v = new float[in.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readFloat();
            }
            arrays.put(name, v);
        }
        return arrays;
    }
}
