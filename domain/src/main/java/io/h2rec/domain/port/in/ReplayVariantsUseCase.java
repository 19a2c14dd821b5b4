package io.h2rec.domain.port.in;

import io.h2rec.domain.model.ReplayReport;

import java.util.function.Consumer;

/**
 * Scores each variant of a traffic split (alias -> model version) on its dataset's test split with the
 * evaluation protocol of training (full ranking and sampled-100, head/tail), so a split can be judged
 * before it takes traffic and while it does.
 */
public interface ReplayVariantsUseCase {
    /**
     * @param progress one line per step (loading, scoring a variant)
     * @throws io.h2rec.domain.error.NotFoundException for an unknown deployment or alias
     * @throws io.h2rec.domain.error.InvalidInputException when the variants were trained on different data
     */
    ReplayReport replay(ReplayVariantsQuery query, Consumer<String> progress);
}
