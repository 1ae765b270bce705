package dev.perflens.engine.calibration;

import dev.perflens.engine.Confidence;
import dev.perflens.engine.Estimate;
import dev.perflens.engine.calibration.CalibrationData.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns a rule's calibration and the size the code states (if any) into a finding's {@link Estimate}. */
public final class Estimator {
    /** The size assumed when the code does not state one, as the issue tracker and the docs say: n=1k. */
    public static final long DEFAULT_SIZE = 1_000;

    private Estimator() {
    }

    public static Estimate estimate(Calibrations.RuleEntry entry, Long bound) {
        List<Point> points = entry.rule().sizes();
        long wanted = bound == null ? DEFAULT_SIZE : Math.max(1, bound);
        Point reference = points.stream()
                .min(Comparator.comparingDouble((Point p) -> Math.abs(Math.log(p.n()) - Math.log(wanted))))
                .orElseThrow();
        boolean paysOff = entry.rule().paysOff();

        Confidence.Level level = Confidence.Level.HIGH;
        List<String> reasons = new ArrayList<>();
        if (reference.includesNoChange() || reference.speedupHigh() != null && reference.speedupHigh() < 1) {
            level = Confidence.Level.LOW;
            reasons.add("the measured interval at this size does not show a speed-up");
        }
        if (bound == null) {
            level = lower(level);
            reasons.add("the size is not stated by the code");
        } else if (Math.abs(Math.log10(reference.n()) - Math.log10(wanted)) > 1) {
            level = lower(level);
            reasons.add("the loop bound lies outside the measured sizes");
        }
        if (!entry.ownMachine()) {
            level = lower(level);
            reasons.add("measured by the calibration shipped with Perflens, not on this machine (run perflens calibrate)");
        }
        if (reasons.isEmpty()) {
            reasons.add("measured on this machine at the size the code states");
        }
        CalibrationData.Source source = entry.data().source();
        String from = "calibration: " + source.text() + " (" + entry.data().origin() + ")";
        return new Estimate(entry.rule().param(), entry.rule().sizeMeaning(), points, bound, reference, paysOff,
                new Confidence(level, String.join("; ", reasons)), from);
    }

    private static Confidence.Level lower(Confidence.Level level) {
        return level == Confidence.Level.HIGH ? Confidence.Level.MEDIUM : level;
    }
}
