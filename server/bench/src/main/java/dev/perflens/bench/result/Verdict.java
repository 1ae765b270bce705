package dev.perflens.bench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the measurement says about the fix at one size, or overall: see {@link Statistics#verdict}. */
public enum Verdict {
    /** The speed-up's interval lies above 1 and reaches past the practical threshold. */
    FASTER("faster"),
    /** The speed-up's interval includes 1 and reaches past the equivalence band (or there is no interval). */
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    /** The speed-up's interval lies inside the equivalence band: any difference is too small to matter. */
    EQUIVALENT("equivalent"),
    /** The speed-up's interval lies below 1 and reaches past the practical threshold. */
    SLOWER("slower"),
    /** The fix changes behaviour (a test or an output differs): it is not timed and never called faster. */
    REJECTED("rejected"),
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
