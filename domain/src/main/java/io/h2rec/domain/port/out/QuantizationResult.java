package io.h2rec.domain.port.out;

import io.h2rec.domain.model.CodebookModel;

/**
 * @param codes               [items][L]
 * @param reconstructionError mean squared reconstruction error of the embeddings
 */
public record QuantizationResult(int[][] codes, CodebookModel model, double reconstructionError) {
}
