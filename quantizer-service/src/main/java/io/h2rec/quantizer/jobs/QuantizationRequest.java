package io.h2rec.quantizer.jobs;

import io.h2rec.adapter.in.rest.Inputs;
import io.h2rec.adapter.in.security.DataRoots;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.ItemTextTemplate;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.port.in.QuantizeCatalogCommand;

import java.util.Map;

/**
 * What to quantize and how. Exactly one of {@code datasetId} (a registered dataset) and
 * {@code dataset} (a folder to prepare and register first) is given.
 *
 * @param kCore               for {@code dataset}: the k-core filter (default 5)
 * @param template            item text template (default {@link ItemTextTemplate#DEFAULT})
 * @param minDistinctFraction the floor below which a codebook is degenerate and the job fails
 *                            (default {@link QuantizeCatalogCommand#DEFAULT_MIN_DISTINCT_FRACTION})
 * @param timeoutSeconds      this job's watchdog limit (the service's h2rec.quantizer.max-job-duration at most)
 */
public record QuantizationRequest(Long datasetId, String dataset, Integer kCore, String quantizer, Integer levels,
                                  Integer codebookSize, Long seed, Map<String, String> options, String template,
                                  Double minDistinctFraction, Integer timeoutSeconds) {
    static final int MAX_OPTIONS = 16;
    static final int MAX_TEMPLATE = 1000;

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

    public double minDistinct() {
        return minDistinctFraction == null ? QuantizeCatalogCommand.DEFAULT_MIN_DISTINCT_FRACTION : minDistinctFraction;
    }

    /** Checks that can fail before any work starts, each naming its field. */
    public void validate() {
        if ((datasetId == null) == (dataset == null || dataset.isBlank())) {
            throw new InvalidInputException(datasetId == null ? "dataset" : "datasetId",
                    "give exactly one of datasetId (registered) and dataset (a folder)");
        }
        Inputs.id("datasetId", datasetId);
        if (dataset != null) {
            Inputs.text("dataset", dataset, Inputs.PATH);
            DataRoots.current().resolve("dataset", dataset); // only under the data roots (issue 18)
        }
        if (kCore != null) {
            Inputs.range("kCore", kCore, 1, 1000);
        }
        Inputs.optionalText("quantizer", quantizer, Inputs.NAME);
        Inputs.map("options", options, MAX_OPTIONS, Inputs.NAME);
        Inputs.optionalText("template", template, MAX_TEMPLATE);
        if (minDistinctFraction != null && !(minDistinctFraction >= 0 && minDistinctFraction <= 1)) {
            throw new InvalidInputException("minDistinctFraction", "minDistinctFraction must be in [0, 1], got "
                    + minDistinctFraction);
        }
        if (timeoutSeconds != null) {
            Inputs.range("timeoutSeconds", timeoutSeconds, 1, 7 * 24 * 3600);
        }
        config();
        textTemplate();   // InvalidInputException naming the template
    }
}
