package io.h2rec.domain.model;

/** Ranking protocols of evaluation.md. */
public enum Protocol {
    /**
     * The target among 100 seeded negatives the user never interacted with (the paper's); fewer
     * when fewer than 100 items are left outside the user's history.
     */
    SAMPLED100("sampled100"),
    /** The target among all items, the user's other history items excluded (the honest one). */
    FULL("full");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Protocol fromLabel(String label) {
        for (Protocol p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + label + "' (sampled100, full)");
    }
}
