package io.h2rec.domain.baseline;

import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.ModelWeights;
import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.port.out.Scorer;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** "Training" of the most-popular baseline: counting training interactions. */
public final class PopularityTrainer implements Trainer {
    public static final String MODEL = "popular";
    /** The one array of a popular model: training interactions per item index. */
    public static final String WEIGHTS = "popularity";

    @Override
    public Set<String> models() {
        return Set.of(MODEL);
    }

    @Override
    public Map<String, String> resolveConfig(String model, Map<String, String> params) {
        if (!params.isEmpty()) {
            throw new InvalidInputException("params", "model 'popular' takes no parameters, got " + params.keySet());
        }
        return Map.of();
    }

    @Override
    public String device() {
        return "CPU";
    }

    @Override
    public TrainedModel train(TrainingRequest request) {
        int[] popularity = request.split().trainingPopularity();
        Scorer scorer = new MostPopularScorer(popularity);
        float[] values = new float[popularity.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = popularity[i];
        }
        List<ItemId> ids = request.split().items().stream().map(Item::id).toList();
        ModelWeights weights = new ModelWeights(MODEL, Map.of(), ids,
                Map.of(WEIGHTS, new ModelWeights.Array(new int[] {values.length}, values)));
        double validation = request.validation() == null ? Double.NaN : request.validation().applyAsDouble(scorer);
        RunProgress done = new RunProgress(0, 0, Double.NaN, validation, 0, validation, 0.0, "counted popularity");
        request.listener().onProgress(done);
        return new TrainedModel() {
            @Override
            public Scorer scorer() {
                return scorer;
            }

            @Override
            public ModelWeights weights() {
                return weights;
            }

            @Override
            public Map<String, String> resolvedConfig() {
                return Map.of();
            }

            @Override
            public String device() {
                return "CPU";
            }

            @Override
            public RunProgress finalProgress() {
                return done;
            }
        };
    }
}
