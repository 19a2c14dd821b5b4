package io.h2rec.adapter.out.inference.retrieval;

import io.h2rec.adapter.out.inference.ModelVectors;
import io.h2rec.domain.port.out.CandidateIndex;
import io.h2rec.domain.port.out.CandidateIndexer;
import io.h2rec.domain.port.out.RankingModel;

import java.util.Optional;

/**
 * Serving's index builder: an HNSW graph ({@link HnswRetriever}) over a loaded sequence model's
 * trained item vectors, for catalogues of at least {@link RetrievalConfig#minCatalogue()} items. The
 * graph proposes candidates; the model scores them.
 */
public final class HnswIndexer implements CandidateIndexer {
    /**
     * The graph, as benchmarks record it: an inner-product graph with the level-0 edges of one built
     * after the MIPS transform, every item reachable (until 2026-11-30 "inner-product" alone, which
     * left items unreachable).
     */
    public static final String GRAPH = "inner-product+transform";

    private final RetrievalConfig config;

    public HnswIndexer(RetrievalConfig config) {
        this.config = config;
    }

    @Override
    public String exactBecause(RankingModel model, int items) {
        if (!config.indexes(items)) {
            return items + " items, below h2rec.serving.retrieval.min-items=" + config.minCatalogue();
        }
        if (ModelVectors.of(model).isEmpty() || !model.scoresByInnerProduct()) {
            return "the model does not score by an inner product";
        }
        return null;
    }

    @Override
    public CandidateIndex build(RankingModel model, int items) {
        Optional<ModelVectors> v = ModelVectors.of(model);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the model does not score by an inner product");
        }
        if (items < 1 || items > v.get().numItems()) {
            throw new IllegalArgumentException("an index over " + items + " items of a model of " + v.get().numItems());
        }
        return HnswRetriever.build(v.get().items(), items, v.get().dim(), config);
    }

    /** An index this indexer built, searched for another number of candidates (benchmarks: one build, several k'). */
    public static CandidateIndex withCandidates(CandidateIndex built, int candidates) {
        RetrievalConfig.defaults().withCandidates(candidates);   // bounds k'
        return ((HnswRetriever) built).withCandidates(candidates);
    }

    /** Items of an index this indexer built that its graph search can reach at all (benchmarks). */
    public static int reachableItems(CandidateIndex built) {
        return ((HnswRetriever) built).reachableItems();
    }

    /** "HNSW (M=16, beam 100, 200 candidates, 1 build thread)" */
    @Override
    public String describe() {
        return "HNSW (M=" + config.maxConn() + ", beam " + config.beamWidth() + ", " + config.candidates()
                + " candidates, " + config.buildThreads() + " build thread" + (config.buildThreads() == 1 ? "" : "s") + ")";
    }
}
