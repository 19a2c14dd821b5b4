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
 * Runs the evaluation protocol of evaluation.md over every case of a split's target (one per user
 * under leave-one-out, every held-out event with a history under a temporal split): sampled-100
 * and full ranking, HR/NDCG at each K, overall / head / tail / popularity buckets with support (the
 * number of cases). A temporal split adds the group "cold": targets whose item has no training
 * interaction (first seen at or after t1); they count in their head/tail group (the tail, unless
 * most items are cold) and the lowest bucket too.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    private final DatasetSplit split;
    private final EvaluationProtocol protocol;
    private final PopularityGroups groups;
    private final NegativeSampler sampler;
    private final List<String> groupNames;
    private final int[] popularity;
    /** Index of the group "cold" in {@link #groupNames}, -1 without it; the buckets follow the fixed groups. */
    private final int coldGroup;
    private final int firstBucket;

    public Evaluator(DatasetSplit split, EvaluationProtocol protocol) {
        this.split = split;
        this.protocol = protocol;
        this.popularity = split.trainingPopularity();
        this.groups = new PopularityGroups(popularity, protocol);
        this.sampler = new NegativeSampler(split.numItems(), protocol.negativeSeed());
        List<String> names = new ArrayList<>(List.of(EvaluationResult.OVERALL, EvaluationResult.HEAD,
                EvaluationResult.TAIL));
        this.coldGroup = split.protocol().temporalSplit() ? names.size() : -1;
        if (coldGroup >= 0) {
            names.add(EvaluationResult.COLD);
        }
        this.firstBucket = names.size();
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
        int[] ks = protocol.ks();
        Protocol[] ps = protocols.stream().sorted().toArray(Protocol[]::new);
        int g = groupNames.size();
        double[][][] hr = new double[ps.length][g][ks.length];
        double[][][] ndcg = new double[ps.length][g][ks.length];
        int[] support = new int[g];

        scoreCases(scorer, target, (c, s, input) -> {
            int u = split.caseUser(target, c);
            int item = split.caseTarget(target, c);
            int[] userGroups = coldGroup >= 0 && popularity[item] == 0
                    ? new int[] {0, groups.isHead(item) ? 1 : 2, coldGroup, firstBucket + groups.bucketOf(item)}
                    : new int[] {0, groups.isHead(item) ? 1 : 2, firstBucket + groups.bucketOf(item)};
            for (int ug : userGroups) {
                support[ug]++;
            }
            for (int p = 0; p < ps.length; p++) {
                int rank = rank(ps[p], s, u, item, input, stream(target, c));
                for (int ki = 0; ki < ks.length; ki++) {
                    double h = RankingMetrics.hitRate(rank, ks[ki]);
                    double n = RankingMetrics.ndcg(rank, ks[ki]);
                    for (int ug : userGroups) {
                        hr[p][ug][ki] += h;
                        ndcg[p][ug][ki] += n;
                    }
                }
            }
        });

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

    /**
     * Each case's full-ranking rank of its target, as {@link #evaluate} ranks it (the case's other input items
     * excluded), for breakdowns the protocol's groups do not make (e.g. {@link SharedTupleGroups}).
     */
    public int[] fullRanks(Scorer scorer, EvalTarget target) {
        int[] ranks = new int[split.cases(target)];
        scoreCases(scorer, target, (c, scores, input) -> ranks[c] = rank(Protocol.FULL, scores, split.caseUser(target, c),
                split.caseTarget(target, c), input, stream(target, c)));
        return ranks;
    }

    private interface CaseScores {
        void accept(int c, float[] scores, int[] input);
    }

    /** Every case of the target scored, in batches of {@link #BATCH} histories: (case, its item scores, its input). */
    private void scoreCases(Scorer scorer, EvalTarget target, CaseScores each) {
        if (scorer.numItems() != split.numItems()) {
            throw new IllegalArgumentException("scorer knows " + scorer.numItems() + " items, the split has "
                    + split.numItems());
        }
        int cases = split.cases(target);
        for (int start = 0; start < cases; start += BATCH) {
            int end = Math.min(cases, start + BATCH);
            List<int[]> inputs = new ArrayList<>(end - start);
            for (int c = start; c < end; c++) {
                inputs.add(split.caseInput(target, c));
            }
            float[][] scores = scorer.score(inputs);
            for (int c = start; c < end; c++) {
                each.accept(c, scores[c - start], inputs.get(c - start));
            }
        }
    }

    /**
     * The negative sampler's stream of a case: the target's ordinal under leave-one-out (one case
     * per user: the negatives every earlier run was ranked against), one stream per position under
     * a temporal split.
     */
    private int stream(EvalTarget target, int c) {
        return coldGroup < 0 ? target.ordinal()
                : EvalTarget.values().length * (1 + split.casePosition(target, c)) + target.ordinal();
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
