package io.h2rec.serving.adapter.in.grpc;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemExplanation;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.Provenance;
import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ScorePart;
import io.h2rec.domain.model.ScoredItem;
import io.h2rec.domain.model.ServingModel;
import io.h2rec.proto.serving.v1.ModelInfo;
import io.h2rec.proto.serving.v1.RankRequest;
import io.h2rec.proto.serving.v1.RankResponse;
import io.h2rec.serving.config.ServingConfig;
import io.h2rec.serving.model.Routing;

import java.util.ArrayList;
import java.util.List;

/** Protobuf <-> domain, with the request limits checked on the way in. */
final class ProtoMapper {
    private ProtoMapper() {
    }

    /** @throws InvalidInputException naming the field, with a message for the client (INVALID_ARGUMENT) */
    static RankQuery query(RankRequest r, ServingConfig config) {
        if (r.getK() < 1 || r.getK() > config.maxK()) {
            throw new InvalidInputException("k", "k must be in 1.." + config.maxK() + ", got " + r.getK());
        }
        if (r.getHistoryCount() > config.maxHistoryItems()) {
            throw new InvalidInputException("history", "history has " + r.getHistoryCount() + " items; at most "
                    + config.maxHistoryItems() + " are accepted (the model reads the most recent ones)");
        }
        if (r.getCandidatesCount() > config.maxCandidates()) {
            throw new InvalidInputException("candidates", "candidates has " + r.getCandidatesCount() + " items; at most "
                    + config.maxCandidates() + " are accepted");
        }
        if (r.getExcludeCount() > config.maxCandidates()) {
            throw new InvalidInputException("exclude", "exclude has " + r.getExcludeCount() + " items; at most "
                    + config.maxCandidates() + " are accepted");
        }
        return new RankQuery(ids(r.getHistoryList(), "history"), r.getK(),
                !r.hasExcludeHistory() || r.getExcludeHistory(), ids(r.getCandidatesList(), "candidates"),
                ids(r.getExcludeList(), "exclude"), r.getExplain());
    }

    /** Longest user key accepted (it is only hashed). */
    static final int MAX_USER_KEY = 256;
    /** Longest alias accepted (names are at most 63 characters). */
    static final int MAX_ALIAS = 63;

    /**
     * The variant that answers the request: its alias override, else its user's route.
     *
     * @throws InvalidInputException for a key or alias too long, or an alias the routing does not have
     */
    static Routing.Variant variant(String userKey, String alias, Routing routing) {
        if (userKey.length() > MAX_USER_KEY) {
            throw new InvalidInputException("user_key", "user_key has " + userKey.length() + " characters; at most "
                    + MAX_USER_KEY);
        }
        if (alias.length() > MAX_ALIAS) {
            throw new InvalidInputException("alias", "alias has " + alias.length() + " characters; at most " + MAX_ALIAS);
        }
        return routing.choose(userKey, alias);
    }

    private static List<ItemId> ids(List<String> raw, String field) {
        List<ItemId> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            if (s == null || s.isBlank()) {
                throw new InvalidInputException(field + "[" + i + "]", field + "[" + i + "] is an empty item id");
            }
            out.add(new ItemId(s));
        }
        return out;
    }

    static RankResponse response(Ranking r, String alias) {
        RankResponse.Builder b = RankResponse.newBuilder().setModelVersion(r.modelVersion())
                .setPopularityFallback(r.popularityFallback()).setHistoryUsed(r.historyUsed()).setAlias(alias);
        for (ScoredItem s : r.items()) {
            var item = b.addItemsBuilder().setItemId(s.item().value()).setScore(s.score());
            if (s.explanation() != null) {
                item.setExplanation(explanation(s.explanation()));
            }
        }
        r.unknownItems().forEach(id -> b.addUnknownItems(id.value()));
        if (r.explanation() != null) {
            for (float g : r.explanation().gateWeights()) {
                b.addGateWeights(g);
            }
            r.explanation().parts().forEach(p -> b.addScoreParts(p.key));
        }
        return b.build();
    }

    private static io.h2rec.proto.serving.v1.ItemExplanation explanation(ItemExplanation e) {
        var b = io.h2rec.proto.serving.v1.ItemExplanation.newBuilder().setSharedPrefixLength(e.sharedPrefix());
        Float hid = e.parts().get(ScorePart.HASH_ID);
        Float sid = e.parts().get(ScorePart.SEMANTIC_ID);
        if (hid != null) {
            b.setHashIdPart(hid);
        }
        if (sid != null) {
            b.setSemanticIdPart(sid);
        }
        for (int c : e.semanticId()) {
            b.addSemanticId(c);
        }
        e.sharedWith().forEach(id -> b.addSharedPrefixItems(id.value()));
        return b.build();
    }

    static ModelInfo model(Routing routing, Routing.Variant variant, ServingConfig config) {
        ServingModel m = variant.model();
        ModelInfo.Builder b = ModelInfo.newBuilder().setModelVersion(String.valueOf(m.version().id()))
                .setAlias(variant.alias()).setDeployment(routing.deployment() == null ? "" : routing.deployment())
                .setModelType(m.version().modelType()).setNumItems(m.numItems())
                .setMaxHistory(Math.min(m.model().maxHistory(), config.maxHistoryItems())).setMaxK(config.maxK())
                .setChecksum(m.version().checksum()).setColdStartItems(m.coldStartItems())
                .setRetrieval(m.retrieval().path()).setIndexState(m.retrieval().status().key())
                .setIndexDetail(m.retrieval().detail());
        Provenance p = m.version().provenance();
        if (p != null) {
            var pb = b.getProvenanceBuilder().setDatasetName(nz(p.datasetName()))
                    .setDatasetFingerprint(nz(p.datasetFingerprint()))
                    .setCodebookId(p.codebookId() == null ? 0 : p.codebookId()).setModel(nz(p.model()))
                    .putAllConfig(p.config()).setSeed(p.seed()).setCodeVersion(nz(p.codeVersion()))
                    .setDevice(nz(p.device())).setHost(nz(p.host())).setRunId(m.version().runId());
            b.setProvenance(pb);
        }
        if (routing.deployment() != null) {
            routing.variants().forEach(v -> b.addRoutesBuilder().setAlias(v.alias()).setWeight(v.weight())
                    .setModelVersion(String.valueOf(v.model().version().id())));
        }
        return b.build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
