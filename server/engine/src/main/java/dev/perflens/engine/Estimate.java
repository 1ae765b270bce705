package dev.perflens.engine;

import dev.perflens.engine.calibration.CalibrationData.Point;
import java.util.List;
import java.util.Locale;

/**
 * A finding's expected speed-up, read off the calibration benchmarks of its rule: the measured
 * pair at the size that applies (the loop bound when the code states it, else n=1k), the range
 * over all measured sizes, the allocation effect, how sure the estimate is and which run it came
 * from. Arithmetic on measured figures only.
 *
 * @param param       the size parameter's name, usually "n"
 * @param sizeMeaning what the size counts
 * @param points      every measured size, ascending
 * @param bound       the size stated by the code (a constant loop bound), or null when unknown
 * @param reference   the measured point used for this finding
 * @param paysOff     whether the fix measured faster at some size (interval above 1.0)
 * @param confidence  how sure the estimate is, with the reason
 * @param source      "calibration: JDK 17.0.15, 2 cores, 2026-11-30 (shipped with Perflens)"
 */
public record Estimate(String param, String sizeMeaning, List<Point> points, Long bound, Point reference,
                       boolean paysOff, Confidence confidence, String source) {

    /** The short form for messages and titles: "measured 40-900x faster at n=1k-100k". */
    public String shortText() {
        if (!paysOff) {
            return "not measurably faster (" + source.replaceFirst("^calibration: ", "").replaceFirst(",.*", "") + ")";
        }
        if (bound != null) {
            return "measured " + relative(reference.speedup()) + " at " + param + "=" + size(reference.n());
        }
        return "measured " + range() + " at " + param + "=" + sizeRange();
    }

    /** The full form for hover and reports, with the size used, the interval, allocation, confidence and source. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("at ").append(param).append('=').append(size(reference.n()));
        if (bound != null) {
            text.append(" (loop bound ").append(bound).append(reference.n() == bound ? "" : ", nearest measured size")
                    .append(")");
        } else {
            text.append(" (size unknown from the code")
                    .append(sizeMeaning.isEmpty() ? "" : "; " + param + " = " + sizeMeaning).append(")");
        }
        text.append(": ").append(relative(reference.speedup()))
                .append(" (speed-up interval ").append(times(reference.speedupLow())).append('-')
                .append(reference.speedupHigh() == null ? "unbounded" : times(reference.speedupHigh())).append(')');
        String allocation = allocation(reference);
        if (!allocation.isEmpty()) {
            text.append(", ").append(allocation);
        }
        if (points.size() > 1) {
            text.append("; over ").append(param).append('=').append(sizeRange()).append(": ").append(range());
        }
        text.append("; estimate confidence ").append(confidence).append("; ").append(source);
        return text.toString();
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
