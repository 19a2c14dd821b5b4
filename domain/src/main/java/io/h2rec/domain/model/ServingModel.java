package io.h2rec.domain.model;

import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelVersion;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.RankingModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a request needs, immutable: the version, its ranking model, the item-id mapping
 * (training items 1..N, then cold-start items), the popularity fallback and how the whole catalogue
 * is ranked ({@link RetrievalState}: exactly, or through a candidate index over the training items).
 * A new cold-start item, model version or finished index makes a new ServingModel, swapped in
 * atomically by the service.
 */
public final class ServingModel {
    private final ModelVersion version;
    private final RankingModel model;
    private final List<ItemId> ids;            // index i -> ids.get(i - 1)
    private final Map<ItemId, Integer> index;
    private final float[] popularity;          // [N+1], cold-start items rank last
    private final int trainedItems;
    private final RetrievalState retrieval;

    /** Ranked exactly ({@link RetrievalState.Status#NONE}) until {@link #withRetrieval} says otherwise. */
    public ServingModel(ModelVersion version, RankingModel model, List<ItemId> itemIds, float[] popularity) {
        this(version, model, itemIds, popularity, itemIds.size(), RetrievalState.none(""));
    }

    private ServingModel(ModelVersion version, RankingModel model, List<ItemId> ids, float[] popularity, int trained,
                         RetrievalState retrieval) {
        if (ids.size() != model.numItems()) {
            throw new IllegalArgumentException("model scores " + model.numItems() + " items, the mapping has " + ids.size());
        }
        this.version = version;
        this.model = model;
        this.ids = List.copyOf(ids);
        this.popularity = popularity;
        this.trainedItems = trained;
        this.retrieval = retrieval;
        this.index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i + 1);
        }
    }

    /** The same model with another retrieval state (the id mapping is shared, not rebuilt). */
    private ServingModel(ServingModel same, RetrievalState retrieval) {
        this.version = same.version;
        this.model = same.model;
        this.ids = same.ids;
        this.index = same.index;
        this.popularity = same.popularity;
        this.trainedItems = same.trainedItems;
        this.retrieval = retrieval;
    }

    /**
     * A copy ranked as {@code state} says; a READY index must cover exactly the training items (cold-start
     * items after them are scored exactly beside its candidates).
     */
    public ServingModel withRetrieval(RetrievalState state) {
        if (state.index() != null && (state.index().numItems() != trainedItems || !model.scoresByInnerProduct())) {
            throw new IllegalArgumentException("an index over " + state.index().numItems() + " items cannot rank a model of "
                    + trainedItems + " trained items" + (model.scoresByInnerProduct() ? "" : " without inner-product scores"));
        }
        return new ServingModel(this, state);
    }

    public RetrievalState retrieval() {
        return retrieval;
    }

    /** A copy that also ranks these new items (H2Rec's SID branch scores them). */
    public ServingModel withColdStartItems(List<ItemId> newIds, List<SemanticId> codes) {
        List<ItemId> fresh = new ArrayList<>();
        List<SemanticId> freshCodes = new ArrayList<>();
        for (int i = 0; i < newIds.size(); i++) {
            if (!index.containsKey(newIds.get(i))) {
                fresh.add(newIds.get(i));
                freshCodes.add(codes.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return this;
        }
        List<ItemId> all = new ArrayList<>(ids);
        all.addAll(fresh);
        return new ServingModel(version, model.withColdStartItems(freshCodes), all, popularity, trainedItems, retrieval);
    }

    public ModelVersion version() {
        return version;
    }

    public RankingModel model() {
        return model;
    }

    public int numItems() {
        return ids.size();
    }

    public int trainedItems() {
        return trainedItems;
    }

    public int coldStartItems() {
        return ids.size() - trainedItems;
    }

    public Integer indexOf(ItemId id) {
        return index.get(id);
    }

    public ItemId idOf(int itemIndex) {
        return ids.get(itemIndex - 1);
    }

    /** Training popularity of an item index (0 for cold-start items). */
    public float popularity(int itemIndex) {
        return itemIndex < popularity.length ? popularity[itemIndex] : 0f;
    }
}
