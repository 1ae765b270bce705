package dev.perflens.engine.calibration;

import dev.perflens.engine.Confidence;
import dev.perflens.engine.Estimate;
import dev.perflens.engine.calibration.CalibrationData.Measure;
import dev.perflens.engine.calibration.CalibrationData.Point;
import dev.perflens.engine.calibration.CalibrationData.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a rule's calibration and the size the code states (if any) into a finding's {@link Estimate}:
 * the speed-up at that size, interpolated between the two measured sizes around it on a log-log
 * scale (speed-ups of complexity fixes grow as a power of n, a straight line there), with the
 * interval's ends interpolated alike. Outside the measured sizes the nearest one is used, and said.
 */
public final class Estimator {
    /** The size assumed when the code does not state one: n=1k, as the README and rule pages say. */
    public static final long DEFAULT_SIZE = 1_000;

    private Estimator() {
    }

    public static Estimate estimate(Calibrations.RuleEntry entry, Long bound) {
        List<Point> points = entry.rule().sizes();
        long wanted = bound == null ? DEFAULT_SIZE : Math.max(1, bound);
        Located located = at(points, wanted);
        Point reference = located.point();

        Confidence.Level level = Confidence.Level.HIGH;
        List<String> reasons = new ArrayList<>();
        if (reference.verdict() != Verdict.FASTER) {
            level = Confidence.Level.LOW;
            reasons.add(reference.verdict() == Verdict.INCONCLUSIVE
                    ? "the measured interval at this size is too wide to decide"
                    : "the measured interval at this size shows no gain");
        }
        if (bound == null) {
            level = lower(level);
            reasons.add("the size is not stated by the code");
        } else if (located.outside()) {
            level = lower(level);
            reasons.add("the loop bound lies outside the measured sizes");
        }
        if (!entry.ownMachine()) {
            level = lower(level);
            reasons.add("measured by the calibration shipped with Perflens, not on this machine (run perflens calibrate)");
        }
        if (reasons.isEmpty()) {
            reasons.add("measured on this machine around the size the code states");
        }
        CalibrationData.Source source = entry.data().source();
        String from = "calibration: " + source.text() + " (" + entry.data().origin() + ")";
        return new Estimate(entry.rule().param(), entry.rule().sizeMeaning(), points, bound, reference, located.basis(),
                entry.rule().verdict(), source.confidence(), new Confidence(level, String.join("; ", reasons)), from);
    }

    /** The point at {@code n} and how it was found. */
    record Located(Point point, String basis, boolean outside) {
    }

    static Located at(List<Point> points, long n) {
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        if (n <= first.n()) {
            return new Located(first, n == first.n() ? "measured" : "the smallest measured size, n=" + Estimate.size(first.n()),
                    Math.log10(first.n()) - Math.log10(n) > 1);
        }
        if (n >= last.n()) {
            return new Located(last, n == last.n() ? "measured" : "the largest measured size, n=" + Estimate.size(last.n()),
                    Math.log10(n) - Math.log10(last.n()) > 1);
        }
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            if (n == a.n()) {
                return new Located(a, "measured", false);
            }
            if (n < b.n()) {
                double t = (Math.log(n) - Math.log(a.n())) / (Math.log(b.n()) - Math.log(a.n()));
                Verdict verdict = a.verdict() == b.verdict() ? a.verdict() : Verdict.INCONCLUSIVE;
                Point point = new Point(n, measure(a.before(), b.before(), t), measure(a.after(), b.after(), t),
                        logLinear(a.speedup(), b.speedup(), t), logLinear(a.speedupLow(), b.speedupLow(), t),
                        logLinear(a.speedupHigh(), b.speedupHigh(), t), ratio(a.allocRatio(), b.allocRatio(), t),
                        null, 0, verdict);
                return new Located(point, "interpolated between n=" + Estimate.size(a.n()) + " and n="
                        + Estimate.size(b.n()), false);
            }
        }
        return new Located(last, "measured", false);
    }

    private static Measure measure(Measure a, Measure b, double t) {
        return new Measure(logLinear(a.score(), b.score(), t), null, a.unit(),
                a.allocBytesPerOp() == null || b.allocBytesPerOp() == null ? null
                        : linearOnLogOrZero(a.allocBytesPerOp(), b.allocBytesPerOp(), t));
    }

    private static Double ratio(Double a, Double b, double t) {
        return a == null || b == null ? null : linearOnLogOrZero(a, b, t);
    }

    /** Straight line between two positive values on a log scale. */
    static double logLinear(double a, double b, double t) {
        return Math.exp((1 - t) * Math.log(a) + t * Math.log(b));
    }

    /** Log-linear when both are positive; a value of zero (no allocation) interpolates linearly. */
    private static double linearOnLogOrZero(double a, double b, double t) {
        return a > 0 && b > 0 ? logLinear(a, b, t) : (1 - t) * a + t * b;
    }

    private static Confidence.Level lower(Confidence.Level level) {
        return level == Confidence.Level.HIGH ? Confidence.Level.MEDIUM : level;
    }
}
