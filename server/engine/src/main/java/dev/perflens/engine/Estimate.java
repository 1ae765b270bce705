package dev.perflens.engine;

import dev.perflens.engine.calibration.CalibrationData;
import dev.perflens.engine.calibration.CalibrationData.Point;
import dev.perflens.engine.calibration.Estimator;
import java.util.List;
import java.util.Locale;

/**
 * A finding's expected speed-up, read off the calibration benchmarks of its rule: the speed-up at
 * the size that applies (the loop bound when the code states it, else n=1k), interpolated between
 * the measured sizes around it, with its interval; the range over all measured sizes, the
 * allocation effect, how sure the estimate is and which run it came from. Arithmetic on measured
 * figures only.
 *
 * @param param       the size parameter's name, usually "n"
 * @param sizeMeaning what the size counts
 * @param points      every measured size, ascending
 * @param bound       the size stated by the code (a constant loop bound), or null when unknown
 * @param reference   the speed-up at the size that applies (measured, or interpolated)
 * @param basis       how {@code reference} was found: "measured", "interpolated between n=10 and n=1k", ...
 * @param verdict     the calibration's verdict on the rule over all its sizes
 * @param level       the confidence level of the intervals, e.g. 0.95
 * @param confidence  the estimate confidence (how sure the number is), with the reason
 * @param source      "calibration: JDK 17.0.15, 2 cores, 2026-11-30 (shipped with Perflens)"
 */
public record Estimate(String param, String sizeMeaning, List<Point> points, Long bound, Point reference,
                       String basis, CalibrationData.Verdict verdict, double level, Confidence confidence,
                       String source) {

    /** Whether the fix measured faster at some size. */
    public boolean paysOff() {
        return verdict == CalibrationData.Verdict.FASTER;
    }

    /**
     * The short form for messages and titles, one figure at the size that applies:
     * "~12x faster at n=100 (9.0-15x)"; "~3.1x faster at the default n=1k (2.5-3.9x)" when the
     * code does not state the size; "measured no gain on this JDK (JDK 17.0.15)" when the
     * calibration finds the fix equivalent.
     */
    public String shortText() {
        String jdk = source.replaceFirst("^calibration: ", "").replaceFirst(",.*", "");
        if (verdict == CalibrationData.Verdict.EQUIVALENT) {
            return "measured no gain on this JDK (" + jdk + ")";
        }
        if (verdict == CalibrationData.Verdict.SLOWER) {
            return "the fix measured slower on this JDK (" + jdk + ")";
        }
        String at = bound == null ? "at the default " + param + "=" + size(reference.n())
                : "at " + param + "=" + size(reference.n());
        return "~" + relative(reference.speedup()) + " " + at + " (" + interval(reference) + ")";
    }

    /** The full form for hover and reports, with the size used, the interval, allocation, confidence and source. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("at ").append(param).append('=').append(size(reference.n()));
        if (bound != null) {
            text.append(" (loop bound ").append(bound).append("measured".equals(basis) ? "" : "; " + basis).append(")");
        } else {
            text.append(" (size unknown from the code: the default ").append(param).append('=')
                    .append(size(Estimator.DEFAULT_SIZE))
                    .append("measured".equals(basis) ? "" : "; " + basis)
                    .append(sizeMeaning.isEmpty() ? "" : "; " + param + " = " + sizeMeaning).append(")");
        }
        text.append(": ").append(relative(reference.speedup()))
                .append(String.format(Locale.ROOT, " (%.0f%% interval ", level * 100)).append(interval(reference))
                .append(')');
        String allocation = allocation(reference);
        if (!allocation.isEmpty()) {
            text.append(", ").append(allocation);
        }
        if (points.size() > 1) {
            text.append("; over ").append(param).append('=').append(sizeRange()).append(": ").append(range());
        }
        if (verdict == CalibrationData.Verdict.EQUIVALENT) {
            text.append("; measured no gain on this JDK (equivalent at every size)");
        } else if (verdict == CalibrationData.Verdict.INCONCLUSIVE) {
            text.append("; the calibration could not decide this rule");
        }
        text.append("; estimate confidence ").append(confidence).append("; ").append(source);
        return text.toString();
    }

    /**
     * The interval in the figure's own direction: "9.0-15x" for "~12x faster", "1.6-2.4x" for
     * "~2.0x slower"; an interval across 1 says so: "0.9x slower to 1.6x faster".
     */
    private static String interval(Point point) {
        double low = point.speedupLow();
        double high = point.speedupHigh();
        if (low < 1 && high > 1) {
            return times(1 / low) + " slower to " + times(high) + " faster";
        }
        if (point.speedup() < 1) {
            return trimX(times(1 / high)) + "-" + times(1 / low);
        }
        return trimX(times(low)) + "-" + times(high);
    }

    /** 1 - 1/s at the reference size: the share of the flagged code's time the fix removes. */
    public double perCallSaving() {
        return 1 - 1 / reference.speedup();
    }

    private String range() {
        double low = points.stream().mapToDouble(Point::speedup).min().orElse(1);
        double high = points.stream().mapToDouble(Point::speedup).max().orElse(1);
        if (low < 1) {
            return relative(low) + " to " + relative(high);
        }
        return low == high ? times(low) + " faster" : trimX(times(low)) + "-" + times(high) + " faster";
    }

    /** A speed-up as people say it: "95x faster", "5.0x slower" (for 0.2). */
    private static String relative(double speedup) {
        return speedup >= 1 ? times(speedup) + " faster" : times(1 / speedup) + " slower";
    }

    private String sizeRange() {
        long first = points.get(0).n();
        long last = points.get(points.size() - 1).n();
        return first == last ? size(first) : size(first) + "-" + size(last);
    }

    private static String allocation(Point point) {
        Double before = point.before().allocBytesPerOp();
        Double after = point.after().allocBytesPerOp();
        if (before == null || after == null) {
            return "";
        }
        if (before < 1 && after < 1) {
            return "no allocation either way";
        }
        if (point.allocRatio() != null) {
            return "allocation " + String.format(Locale.ROOT, "%.2g", point.allocRatio()) + "x ("
                    + bytes(before) + " -> " + bytes(after) + " per call)";
        }
        return "allocation " + bytes(before) + " -> " + bytes(after) + " per call";
    }

    /** "3.1x", "95x", "1,200x". */
    public static String times(double ratio) {
        if (ratio < 10) {
            return String.format(Locale.ROOT, "%.1fx", ratio);
        }
        return String.format(Locale.ROOT, "%,.0fx", ratio);
    }

    private static String trimX(String times) {
        return times.substring(0, times.length() - 1);
    }

    /** "10", "1k", "100k", "1M". */
    public static String size(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }

    private static String bytes(double value) {
        if (value >= 10_240) {
            return String.format(Locale.ROOT, "%,.0f KB", value / 1024);
        }
        return String.format(Locale.ROOT, "%,.0f B", value);
    }
}
