package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.DenseLayer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * CodebookModel <-> bytes: kind, L, K, d_c, vectors [L][K][d_c], then the encoder layers
 * (in, out, relu, W [in][out], b [out]); all little-endian.
 */
final class CodebookModelCodec {
    private static final int MAGIC = 0x48324342; // "H2CB"

    private CodebookModelCodec() {
    }

    static byte[] encode(CodebookModel m) {
        int d = m.codeDim();
        long size = 4L * 6 + 4L * m.levels() * m.size() * d;
        for (DenseLayer layer : m.encoder()) {
            size += 12 + 4L * layer.in() * layer.out() + 4L * layer.out();
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(m.kind().ordinal()).putInt(m.levels()).putInt(m.size()).putInt(d)
                .putInt(m.encoder().size());
        if (d > 0) {
            for (float[][] level : m.vectors()) {
                for (float[] v : level) {
                    for (float x : v) {
                        b.putFloat(x);
                    }
                }
            }
        }
        for (DenseLayer layer : m.encoder()) {
            b.putInt(layer.in()).putInt(layer.out()).putInt(layer.relu() ? 1 : 0);
            for (float[] row : layer.weight()) {
                for (float x : row) {
                    b.putFloat(x);
                }
            }
            for (float x : layer.bias()) {
                b.putFloat(x);
            }
        }
        return b.array();
    }

    static CodebookModel decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new IllegalStateException("not a codebook model");
        }
        CodebookModel.Kind kind = CodebookModel.Kind.values()[b.getInt()];
        int levels = b.getInt();
        int size = b.getInt();
        int d = b.getInt();
        int layers = b.getInt();
        float[][][] vectors = new float[d > 0 ? levels : 0][][];
        for (int l = 0; l < vectors.length; l++) {
            vectors[l] = new float[size][d];
            for (int k = 0; k < size; k++) {
                for (int j = 0; j < d; j++) {
                    vectors[l][k][j] = b.getFloat();
                }
            }
        }
        List<DenseLayer> encoder = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            int in = b.getInt();
            int out = b.getInt();
            boolean relu = b.getInt() == 1;
            float[][] w = new float[in][out];
            for (int r = 0; r < in; r++) {
                for (int c = 0; c < out; c++) {
                    w[r][c] = b.getFloat();
                }
            }
            float[] bias = new float[out];
            for (int c = 0; c < out; c++) {
                bias[c] = b.getFloat();
            }
            encoder.add(new DenseLayer(w, bias, relu));
        }
        return new CodebookModel(kind, levels, size, vectors, encoder);
    }
}
