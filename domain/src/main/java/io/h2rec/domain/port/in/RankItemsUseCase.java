package io.h2rec.domain.port.in;

import io.h2rec.domain.model.RankQuery;
import io.h2rec.domain.model.Ranking;
import io.h2rec.domain.model.ServingModel;

import java.util.List;

/** Next-item rankings from the loaded model version. */
public interface RankItemsUseCase {
    /** @throws io.h2rec.domain.error.UnavailableException when no model is loaded yet */
    Ranking rank(RankQuery query);

    /** Several queries scored together (one batched pass over the item matrix); answers in order. */
    List<Ranking> rankBatch(List<RankQuery> queries);

    /** {@link #rankBatch(List)} with this model (a variant of a traffic split, chosen when the requests arrived). */
    List<Ranking> rankBatch(ServingModel model, List<RankQuery> queries);
}
