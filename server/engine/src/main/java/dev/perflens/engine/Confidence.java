package dev.perflens.engine;

/**
 * How sure a rule is that a finding is real, and why. The reason is shown to the user
 * next to the level, so it must name what the rule checked (e.g. "receiver type resolved").
 */
public record Confidence(Level level, String reason) {
    public enum Level { HIGH, MEDIUM, LOW }

    public static Confidence high(String reason) {
        return new Confidence(Level.HIGH, reason);
    }

    public static Confidence medium(String reason) {
        return new Confidence(Level.MEDIUM, reason);
    }

    public static Confidence low(String reason) {
        return new Confidence(Level.LOW, reason);
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + ")";
    }
}
