package io.h2rec.domain.service;

import io.h2rec.domain.model.RunProgress;
import io.h2rec.domain.port.out.Scorer;
import io.h2rec.domain.port.out.TrainedModel;
import io.h2rec.domain.port.out.Trainer;
import io.h2rec.domain.port.out.TrainingRequest;

import java.util.Map;
import java.util.Set;

/** "Training" of the most-popular baseline: counting training interactions. */
public final class PopularityTrainer implements Trainer {
    public static final String MODEL = "popular";

    @Override
    public Set<String> models() {
        return Set.of(MODEL);
    }

    @Override
    public Map<String, String> resolveConfig(String model, Map<String, String> params) {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("model 'popular' takes no parameters, got " + params.keySet());
        }
        return Map.of();
    }

    @Override
    public String device() {
        return "CPU";
    }

    @Override
    public TrainedModel train(TrainingRequest request) {
        Scorer scorer = new MostPopularScorer(request.split().trainingPopularity());
        double validation = request.validation() == null ? Double.NaN : request.validation().applyAsDouble(scorer);
        RunProgress done = new RunProgress(0, 0, Double.NaN, validation, 0, validation, 0.0, "counted popularity");
        request.listener().onProgress(done);
        return new TrainedModel() {
            @Override
            public Scorer scorer() {
                return scorer;
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
