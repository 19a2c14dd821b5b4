package io.h2rec.domain.evaluation;

import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.EvaluationProtocol;
import io.h2rec.domain.model.EvaluationResult;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.port.out.Scorer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the evaluation protocol of evaluation.md over every user of a split: sampled-100 and
 * full ranking, HR/NDCG at each K, overall / head / tail / popularity buckets with support.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    private final DatasetSplit split;
    private final EvaluationProtocol protocol;
    private final PopularityGroups groups;
    private final NegativeSampler sampler;
    private final List<String> groupNames;

    public Evaluator(DatasetSplit split, EvaluationProtocol protocol) {
        this.split = split;
        this.protocol = protocol;
        this.groups = new PopularityGroups(split.trainingPopularity(), protocol);
        this.sampler = new NegativeSampler(split.numItems(), protocol.negativeSeed());
        List<String> names = new ArrayList<>(List.of(EvaluationResult.OVERALL, EvaluationResult.HEAD,
                EvaluationResult.TAIL));
        for (int b = 0; b < protocol.bucketEdges().length; b++) {
            names.add(protocol.bucketLabel(b));
        }
        this.groupNames = List.copyOf(names);
    }

    public EvaluationProtocol protocol() {
        return protocol;
    }

    public PopularityGroups groups() {
        return groups;
    }

    public EvaluationResult evaluate(Scorer scorer, EvalTarget target, Set<Protocol> protocols) {
        if (scorer.numItems() != split.numItems()) {
            throw new IllegalArgumentException("scorer knows " + scorer.numItems() + " items, the split has "
                    + split.numItems());
        }
        int[] ks = protocol.ks();
        Protocol[] ps = protocols.stream().sorted().toArray(Protocol[]::new);
        int g = groupNames.size();
        double[][][] hr = new double[ps.length][g][ks.length];
        double[][][] ndcg = new double[ps.length][g][ks.length];
        int[] support = new int[g];
        int stream = target.ordinal();

        int users = split.numUsers();
        for (int start = 0; start < users; start += BATCH) {
            int end = Math.min(users, start + BATCH);
            List<int[]> inputs = new ArrayList<>(end - start);
            for (int u = start; u < end; u++) {
                inputs.add(target.input(split, u));
            }
            float[][] scores = scorer.score(inputs);
            for (int u = start; u < end; u++) {
                float[] s = scores[u - start];
                int item = target.target(split, u);
                int[] userGroups = {0, groups.isHead(item) ? 1 : 2, 3 + groups.bucketOf(item)};
                for (int ug : userGroups) {
                    support[ug]++;
                }
                for (int p = 0; p < ps.length; p++) {
                    int rank = rank(ps[p], s, u, item, inputs.get(u - start), stream);
                    for (int ki = 0; ki < ks.length; ki++) {
                        double h = RankingMetrics.hitRate(rank, ks[ki]);
                        double n = RankingMetrics.ndcg(rank, ks[ki]);
                        for (int ug : userGroups) {
                            hr[p][ug][ki] += h;
                            ndcg[p][ug][ki] += n;
                        }
                    }
                }
            }
        }

        List<MetricValue> values = new ArrayList<>();
        for (int p = 0; p < ps.length; p++) {
            for (int gi = 0; gi < g; gi++) {
                String name = groupNames.get(gi);
                values.add(new MetricValue(target, ps[p], name, MetricValue.SUPPORT, 0, support[gi]));
                if (support[gi] == 0) {
                    continue;
                }
                for (int ki = 0; ki < ks.length; ki++) {
                    values.add(new MetricValue(target, ps[p], name, MetricValue.HR, ks[ki], hr[p][gi][ki] / support[gi]));
                    values.add(new MetricValue(target, ps[p], name, MetricValue.NDCG, ks[ki],
                            ndcg[p][gi][ki] / support[gi]));
                }
            }
        }
        return new EvaluationResult(protocol, values);
    }

    private int rank(Protocol p, float[] scores, int user, int target, int[] input, int stream) {
        if (p == Protocol.SAMPLED100) {
            BitSet all = new BitSet(split.numItems() + 1);
            for (int i : split.user(user).items()) {
                all.set(i);
            }
            // A user who has seen nearly the whole catalogue is ranked among what is left.
            int available = split.numItems() - all.cardinality();
            int[] negatives = sampler.sample(user, stream, all, Math.min(protocol.sampledNegatives(), available));
            return RankingMetrics.rankAmong(scores, target, negatives);
        }
        BitSet excluded = new BitSet(split.numItems() + 1);
        for (int i : input) {
            excluded.set(i);
        }
        excluded.clear(target);
        return RankingMetrics.rankFull(scores, target, excluded);
    }
}
