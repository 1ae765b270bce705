package dev.perflens.bench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the measurement says about the fix at one size, or overall. */
public enum Verdict {
    /** The fixed variant's interval lies wholly below the original's and the speed-up's interval is above 1. */
    FASTER("faster"),
    /** The intervals overlap (or there were too few iterations for an interval). */
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    /** The fixed variant's interval lies wholly above the original's and the speed-up's interval is below 1. */
    SLOWER("slower"),
    /** Only the code as it is was measured (no fix to compare with). */
    MEASURED("measured");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Verdict of(String label) {
        for (Verdict verdict : values()) {
            if (verdict.label.equals(label) || verdict.name().equals(label)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("unknown verdict " + label);
    }
}
