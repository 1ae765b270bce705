package dev.perflens.engine;

/** How loudly a finding is reported; ordered from most to least severe. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public String lowerCase() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
