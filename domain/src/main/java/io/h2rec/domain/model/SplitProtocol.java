package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Which events train and which are held out (evaluation.md "Split", docs/datasets.md).
 * <ul>
 *   <li>{@link Kind#LEAVE_ONE_OUT} (the default): per user, the last event is the test target, the
 *       second-to-last the validation target, the rest trains.</li>
 *   <li>{@link Kind#TEMPORAL}: one global clock for everybody, cut at t1 &lt; t2. Events before t1
 *       train. Every event in [t1, t2) that has an earlier event of its user is a validation target,
 *       every such event at or after t2 a test target ("successive" targets, Gusak et al., RecSys
 *       2025); the input of a target is every earlier event of its user, so it includes earlier
 *       held-out events (what a served model sees) but the model trained on none of them. Items
 *       with no event before t1 are cold.</li>
 * </ul>
 * t1 and t2 are given either as quantiles of all kept interactions' timestamps
 * ({@code 0 < t1 < t2 < 1}, e.g. 0.8 and 0.9) or as absolute times in whole epoch seconds
 * ({@code 1 <= t1 < t2 <= MAX_EPOCH_SECONDS}); both are 0 under leave-one-out.
 */
public record SplitProtocol(Kind kind, double t1, double t2) {
    /** Default cut points: about 80% of the interactions train, 10% validate, 10% test. */
    public static final double DEFAULT_T1 = 0.8;
    public static final double DEFAULT_T2 = 0.9;
    /** The latest absolute cut accepted: 10^11 s, about the year 5138. */
    public static final double MAX_EPOCH_SECONDS = 1e11;
    /**
     * How the dataset readers store a timestamp (a file's number, or an ISO-8601 instant's epoch
     * seconds) in {@link Interaction#timestamp()}: times 1000, so an absolute cut in epoch seconds is
     * compared as seconds * 1000.
     */
    public static final long TICKS_PER_SECOND = 1000;
    public static final SplitProtocol LEAVE_ONE_OUT = new SplitProtocol(Kind.LEAVE_ONE_OUT, 0, 0);

    public enum Kind {
        LEAVE_ONE_OUT("leave-one-out"),
        TEMPORAL("temporal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public SplitProtocol {
        kind = kind == null ? Kind.LEAVE_ONE_OUT : kind;
        if (kind == Kind.LEAVE_ONE_OUT) {
            t1 = 0;
            t2 = 0;
        } else if (!(t1 < t2)) {
            throw new InvalidInputException("split", "a temporal split needs t1 < t2, got " + plain(t1) + " and " + plain(t2));
        } else if (t2 < 1) {
            if (!(t1 > 0)) {
                throw new InvalidInputException("split", "quantile cuts need 0 < t1 < t2 < 1, got " + plain(t1) + " and "
                        + plain(t2));
            }
        } else if (t1 < 1 || t2 > MAX_EPOCH_SECONDS || t1 != Math.rint(t1) || t2 != Math.rint(t2)) {
            throw new InvalidInputException("split", "give t1 and t2 both as quantiles in (0, 1) or both as whole epoch "
                    + "seconds in [1, 1e11], got " + plain(t1) + " and " + plain(t2));
        }
    }

    /** The temporal split at {@code t1} and {@code t2}: quantiles (both below 1) or epoch seconds. */
    public static SplitProtocol temporal(double t1, double t2) {
        return new SplitProtocol(Kind.TEMPORAL, t1, t2);
    }

    /** The temporal split at the default quantiles (0.8, 0.9). */
    public static SplitProtocol temporal() {
        return temporal(DEFAULT_T1, DEFAULT_T2);
    }

    /**
     * From the command line or an API body: {@code leave-one-out}, {@code temporal} (0.8/0.9),
     * {@code temporal:T1,T2} (quantiles or epoch seconds); what {@link #canonical()} writes.
     *
     * @throws InvalidInputException saying what is accepted
     */
    public static SplitProtocol parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals(Kind.LEAVE_ONE_OUT.label)) {
            return LEAVE_ONE_OUT;
        }
        if (s.equals(Kind.TEMPORAL.label)) {
            return temporal();
        }
        if (s.startsWith(Kind.TEMPORAL.label + ":")) {
            String[] parts = s.substring(Kind.TEMPORAL.label.length() + 1).split(",", -1);
            if (parts.length == 2) {
                try {
                    return temporal(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
                } catch (NumberFormatException e) {
                    // said below
                }
            }
        }
        if (s.length() > 100) {
            s = s.substring(0, 100) + "...";
        }
        throw new InvalidInputException("split", "unknown split '" + s + "': leave-one-out, temporal (t1/t2 at the 0.8/0.9 "
                + "quantiles of the timestamps), temporal:T1,T2 with quantiles (e.g. temporal:0.7,0.85) or epoch "
                + "seconds (e.g. temporal:889000000,891000000)");
    }

    public boolean temporalSplit() {
        return kind == Kind.TEMPORAL;
    }

    /** Whether t1 and t2 are quantiles (else epoch seconds); false under leave-one-out. */
    public boolean quantiles() {
        return temporalSplit() && t2 < 1;
    }

    /** "leave-one-out", "temporal:0.8,0.9" or "temporal:889000000,891000000": {@link #parse} reads it back. */
    public String canonical() {
        return kind == Kind.LEAVE_ONE_OUT ? kind.label : kind.label + ":" + plain(t1) + "," + plain(t2);
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }
}
