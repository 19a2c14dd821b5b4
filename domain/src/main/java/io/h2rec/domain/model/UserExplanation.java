package io.h2rec.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an explained ranking says about the user.
 *
 * @param parts       the parts each item's score is split into ({@link ItemExplanation#parts()})
 * @param gateWeights the user's gate weight per semantic-ID level (coarse first) at the history's last
 *                    position; empty for models without the gate
 */
public record UserExplanation(List<ScorePart> parts, float[] gateWeights) {
    public UserExplanation {
        parts = List.copyOf(parts);
        gateWeights = gateWeights.clone();
    }

    @Override
    public float[] gateWeights() {
        return gateWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserExplanation e && parts.equals(e.parts) && Arrays.equals(gateWeights, e.gateWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts, Arrays.hashCode(gateWeights));
    }
}
