package dev.perflens.engine.policy;

/**
 * How a loaded profile re-ranks findings: the share of samples from which code counts as hot
 * (its findings are raised one severity level, and hot-method marks the method), and whether
 * findings in code the profile never sampled drop to hint.
 *
 * @param thresholdPercent hot from this share of the metric, in percent (0 < t <= 100); default 5
 * @param noSamplesAsHint  findings in methods without samples become hints when the profile
 *                         sampled their class; default true
 */
public record Hotness(double thresholdPercent, boolean noSamplesAsHint) {
    public static final double DEFAULT_THRESHOLD_PERCENT = 5.0;
    public static final Hotness DEFAULTS = new Hotness(DEFAULT_THRESHOLD_PERCENT, true);

    /** The threshold as a share (0..1). */
    public double threshold() {
        return thresholdPercent / 100.0;
    }
}
