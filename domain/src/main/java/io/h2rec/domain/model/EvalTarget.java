package io.h2rec.domain.model;

/** Which held-out item an evaluation ranks: validation (model selection) or test (reported). */
public enum EvalTarget {
    VALIDATION("valid"),
    TEST("test");

    private final String label;

    EvalTarget(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static EvalTarget fromLabel(String label) {
        for (EvalTarget t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown split '" + label + "' (valid, test)");
    }
}
