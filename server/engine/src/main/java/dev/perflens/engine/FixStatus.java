package dev.perflens.engine;

/**
 * Whether a finding comes with a fix. A rule that has a fix in general may still decline
 * it at a given spot when it cannot prove the edit safe there; the reason says why.
 */
public record FixStatus(boolean available, String title, String unavailableReason) {

    public static FixStatus offered(String title) {
        return new FixStatus(true, title, null);
    }

    public static FixStatus notOffered(String reason) {
        return new FixStatus(false, null, reason);
    }

    /** The rule has no mechanical fix at all. */
    public static FixStatus none() {
        return new FixStatus(false, null, null);
    }
}
