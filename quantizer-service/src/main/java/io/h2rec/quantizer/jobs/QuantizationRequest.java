package io.h2rec.quantizer.jobs;

import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.QuantizerConfig;

import java.util.Map;

/**
 * What to quantize and how. Exactly one of {@code datasetId} (a registered dataset) and
 * {@code dataset} (a folder to prepare and register first) is given.
 *
 * @param kCore     for {@code dataset}: the k-core filter (default 5)
 * @param template  item text template (default {@link ItemTextTemplate#DEFAULT})
 */
public record QuantizationRequest(Long datasetId, String dataset, Integer kCore, String quantizer, Integer levels,
                                  Integer codebookSize, Long seed, Map<String, String> options, String template) {

    public QuantizerConfig config() {
        QuantizerConfig d = QuantizerConfig.defaults(quantizer == null ? "rqkmeans" : quantizer);
        return new QuantizerConfig(d.quantizer(), levels == null ? d.levels() : levels,
                codebookSize == null ? d.codebookSize() : codebookSize, seed == null ? d.seed() : seed,
                options == null ? Map.of() : options);
    }

    public ItemTextTemplate textTemplate() {
        return template == null || template.isBlank() ? ItemTextTemplate.DEFAULT
                : new ItemTextTemplate(template, ItemTextTemplate.DEFAULT.maxChars());
    }

    /** Checks that can fail before any work starts (the dataset's existence is checked by the jobs). */
    public void validate() {
        if ((datasetId == null) == (dataset == null || dataset.isBlank())) {
            throw new IllegalArgumentException("give exactly one of datasetId (registered) and dataset (a folder)");
        }
        if (kCore != null && kCore < 1) {
            throw new IllegalArgumentException("kCore must be >= 1, got " + kCore);
        }
        config();
        textTemplate();
    }
}
