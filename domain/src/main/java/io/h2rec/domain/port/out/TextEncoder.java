package io.h2rec.domain.port.out;

import java.util.List;

/** An in-process sentence encoder: text -> fixed-size embedding. */
public interface TextEncoder {
    /** Identifies the model (and so the embedding space), e.g. "all-minilm-l6-v2". */
    String id();

    int dimension();

    /** One embedding per text, in order. */
    float[][] encode(List<String> texts);
}
