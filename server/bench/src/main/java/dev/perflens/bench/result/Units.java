package dev.perflens.bench.result;

import java.util.Locale;

/** Number formatting for reports: times in a readable unit, ratios with three significant digits. */
public final class Units {
    private Units() {
    }

    /** "14.2x", "1.05x", "312x". */
    public static String times(double ratio) {
        return plain(ratio) + "x";
    }

    /** Three significant digits, no exponent: 0.0123, 1.05, 14.2, 312. */
    public static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude == 0 ? 0
                : Math.min(6, 2 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Two significant digits, for a "±" that should not look more precise than it is: 1.1, 0.12, 23. */
    public static String margin(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return plain(value);
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value).round(new java.math.MathContext(2));
        return rounded.scale() > 0 ? rounded.toPlainString() : rounded.setScale(0).toPlainString();
    }

    /** A score with its error in the largest unit that keeps the number at least 1: "2.41 ± 0.08 ms/op". */
    public static String format(double score, double error, String unit) {
        if (!unit.startsWith("ns/")) {
            return plain(score) + (Double.isNaN(error) ? "" : " ± " + margin(error)) + " " + unit;
        }
        String per = unit.substring(2);
        double scale = 1;
        String prefix = "ns";
        if (score >= 1e9) {
            scale = 1e9;
            prefix = "s";
        } else if (score >= 1e6) {
            scale = 1e6;
            prefix = "ms";
        } else if (score >= 1e3) {
            scale = 1e3;
            prefix = "µs";
        }
        return plain(score / scale) + (Double.isNaN(error) ? "" : " ± " + margin(error / scale)) + " " + prefix + per;
    }

    /** Bytes per operation: "24 B", "39.1 KB". */
    public static String bytes(Double bytes) {
        if (bytes == null || Double.isNaN(bytes)) {
            return "-";
        }
        if (bytes >= 1024 * 1024) {
            return plain(bytes / (1024 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return plain(bytes / 1024) + " KB";
        }
        return plain(bytes) + " B";
    }
}
