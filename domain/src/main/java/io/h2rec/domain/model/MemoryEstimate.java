package io.h2rec.domain.model;

/**
 * What one training run is expected to hold in memory, in bytes: the weights, the optimizer's
 * state with the gradients and the weight snapshots training keeps (best epoch, checkpoint), and
 * the activations of one batch (forward and backward).
 */
public record MemoryEstimate(long parameterBytes, long optimizerBytes, long activationBytes) {
    public static final MemoryEstimate NONE = new MemoryEstimate(0, 0, 0);

    public long totalBytes() {
        return parameterBytes + optimizerBytes + activationBytes;
    }

    public static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
