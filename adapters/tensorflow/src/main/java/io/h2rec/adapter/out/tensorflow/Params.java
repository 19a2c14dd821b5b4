package io.h2rec.adapter.out.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every variable of a graph with its seeded initial value. Initial values are drawn in Java, so a
 * seed gives the same model everywhere; they are assigned through placeholders, which also
 * restore the best checkpoint and export the weights.
 */
final class Params {
    record Param(String name, int[] shape, Variable<TFloat32> variable, Placeholder<TFloat32> feed, Op assign,
                 float[] initial, boolean trainable, boolean exported) {
    }

    private final Ops tf;
    private final SplittableRandom rnd;
    private final Map<String, Param> params = new LinkedHashMap<>();

    Params(Ops tf, long seed) {
        this.tf = tf;
        this.rnd = new SplittableRandom(seed);
    }

    Variable<TFloat32> weight(String name, int[] shape, float[] initial) {
        return add(name, shape, initial, true, true);
    }

    Variable<TFloat32> frozen(String name, int[] shape, float[] initial) {
        return add(name, shape, initial, false, true);
    }

    /** Optimizer state: initialised and restored like the rest, never exported. */
    Variable<TFloat32> state(String name, int[] shape, float[] initial) {
        return add(name, shape, initial, false, false);
    }

    private Variable<TFloat32> add(String name, int[] shape, float[] initial, boolean trainable, boolean exported) {
        if (params.containsKey(name)) {
            throw new IllegalStateException("duplicate parameter " + name);
        }
        long[] dims = new long[shape.length];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
            n *= shape[i];
        }
        if (n != initial.length) {
            throw new IllegalArgumentException(name + ": " + initial.length + " initial values for " + n + " elements");
        }
        String op = name.replace('/', '.'); // TF op names allow no '/'; exported names keep it
        Variable<TFloat32> v = tf.withName(op).variable(Shape.of(dims), TFloat32.class);
        Placeholder<TFloat32> feed = tf.withName(op + "_feed").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(dims)));
        Op assign = tf.withName(op + "_assign").assign(v, feed);
        params.put(name, new Param(name, shape.clone(), v, feed, assign, initial, trainable, exported));
        return v;
    }

    List<Param> trainable() {
        return params.values().stream().filter(Param::trainable).toList();
    }

    List<Param> all() {
        return List.copyOf(params.values());
    }

    /** Glorot/Xavier normal: std = sqrt(2 / (fanIn + fanOut)). */
    float[] xavier(int fanIn, int fanOut) {
        return normal(fanIn * fanOut, Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    float[] normal(int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * std);
        }
        return a;
    }

    static float[] zeros(int n) {
        return new float[n];
    }

    static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    void initialize(Session session) {
        Map<String, float[]> values = new LinkedHashMap<>();
        params.values().forEach(p -> values.put(p.name(), p.initial()));
        restore(session, values);
    }

    /** Current values of every parameter (optimizer state included). */
    Map<String, float[]> snapshot(Session session) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<Param> list = all();
        Session.Runner runner = session.runner();
        list.forEach(p -> runner.fetch(p.variable()));
        try (Result r = runner.run()) {
            for (int i = 0; i < list.size(); i++) {
                out.put(list.get(i).name(), Tensors.floats((TFloat32) r.get(i)));
            }
        }
        return out;
    }

    void restore(Session session, Map<String, float[]> values) {
        List<TFloat32> tensors = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (Param p : params.values()) {
                float[] v = values.get(p.name());
                if (v == null) {
                    throw new IllegalArgumentException("no value for parameter " + p.name());
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(toLong(p.shape())), DataBuffers.of(v, true, false));
                tensors.add(t);
                runner.feed(p.feed(), t).addTarget(p.assign());
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    static long[] toLong(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }

    Operand<TFloat32> get(String name) {
        return params.get(name).variable();
    }
}
