package io.h2rec.adapter.out.tensorflow;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) with bias correction; no weight decay by default, as h2rec-model.md §5, or
 * decoupled weight decay (AdamW, Loshchilov and Hutter) when asked. Written here
 * rather than taken from tensorflow-framework so its state lives in {@link Params}: initialised
 * from a seed, snapshotted and restored with the weights. Gradients come from graph mode's
 * symbolic differentiation.
 */
final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private Adam() {
    }

    static Op minimize(Graph graph, Layers l, Operand<TFloat32> loss, double learningRate) {
        return minimize(graph, l, loss, learningRate, 0);
    }

    /** @param weightDecay decoupled decay per step, scaled by the learning rate: p -= lr * weightDecay * p */
    static Op minimize(Graph graph, Layers l, Operand<TFloat32> loss, double learningRate, double weightDecay) {
        Ops tf = l.tf;
        List<Params.Param> trainable = l.params.trainable();
        Output<?>[] xs = trainable.stream().map(p -> (Output<?>) p.variable().asOutput()).toArray(Output[]::new);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
        // Gate: every gradient is computed before any weight changes. Without it an update may
        // run before another gradient has read that weight (ref variables are read when the
        // consuming op runs), which is both wrong and nondeterministic.
        List<Op> computed = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                throw new IllegalStateException("no gradient reaches parameter " + trainable.get(i).name());
            }
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
            computed.add(tf.identity(g));
        }
        Op ready = tf.withControlDependencies(computed).noOp();
        Ops gated = tf.withControlDependencies(List.of(ready));
        Variable<TFloat32> step = l.params.state("adam/step", new int[0], new float[] {0f});
        Operand<TFloat32> t = gated.assignAdd(step, l.c(1f));
        // lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
        Operand<TFloat32> lrT = tf.math.div(
                tf.math.mul(l.c((float) learningRate), tf.math.sqrt(tf.math.sub(l.c(1f), tf.math.pow(l.c(BETA2), t)))),
                tf.math.sub(l.c(1f), tf.math.pow(l.c(BETA1), t)));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < trainable.size(); i++) {
            Params.Param p = trainable.get(i);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
            int n = size(p.shape());
            Variable<TFloat32> m = l.params.state("adam/m/" + p.name(), p.shape(), new float[n]);
            Variable<TFloat32> v = l.params.state("adam/v/" + p.name(), p.shape(), new float[n]);
            Operand<TFloat32> m2 = gated.assign(m, tf.math.add(tf.math.mul(m, l.c(BETA1)), tf.math.mul(g, l.c(1 - BETA1))));
            Operand<TFloat32> v2 = gated.assign(v, tf.math.add(tf.math.mul(v, l.c(BETA2)),
                    tf.math.mul(tf.math.square(g), l.c(1 - BETA2))));
            Operand<TFloat32> delta = tf.math.div(tf.math.mul(lrT, m2), tf.math.add(tf.math.sqrt(v2), l.c(EPSILON)));
            if (weightDecay > 0) {
                delta = tf.math.add(delta, tf.math.mul(p.variable(), l.c((float) (learningRate * weightDecay))));
            }
            updates.add(gated.assignSub(p.variable(), delta));
        }
        return tf.withName("train_step").withControlDependencies(updates).noOp();
    }

    static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
