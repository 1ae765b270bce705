package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a calibration file back for people: a table of the pairs, and the advice that does not pay off. */
public final class CalibrationSummary {
    private CalibrationSummary() {
    }

    /** One line per rule and size: rule, n, speed-up with its interval, allocation effect. */
    public static String table(JsonNode calibration) {
        StringBuilder out = new StringBuilder();
        JsonNode source = calibration.path("source");
        out.append(String.format(Locale.ROOT, "calibration: JDK %s (%s), %d cores, %s, %s mode%n",
                source.path("jdk").asText(), source.path("vm").asText(), source.path("cores").asInt(),
                source.path("date").asText(), source.path("mode").asText()));
        out.append(String.format(Locale.ROOT, "%-30s %8s  %-26s %s%n", "rule", "n", "speed-up (interval)", "allocation"));
        calibration.path("rules").fields().forEachRemaining(rule -> {
            for (JsonNode size : rule.getValue().path("sizes")) {
                out.append(String.format(Locale.ROOT, "%-30s %8d  %-26s %s%n", rule.getKey(), size.path("n").asLong(),
                        speedup(size), allocation(size)));
            }
        });
        return out.toString();
    }

    static String speedup(JsonNode size) {
        JsonNode high = size.path("speedupHigh");
        return String.format(Locale.ROOT, "%sx (%s-%s)", figure(size.path("speedup").asDouble()),
                figure(size.path("speedupLow").asDouble()), high.isNumber() ? figure(high.asDouble()) : "?");
    }

    static String allocation(JsonNode size) {
        double before = size.path("before").path("allocBytesPerOp").asDouble();
        double after = size.path("after").path("allocBytesPerOp").asDouble();
        String bytes = String.format(Locale.ROOT, "%s -> %s B/op", figure(before), figure(after));
        JsonNode ratio = size.path("allocRatio");
        return ratio.isNumber() ? bytes + String.format(Locale.ROOT, " (x%s)", figure(ratio.asDouble())) : bytes;
    }

    private static String figure(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Rules whose advice does not pay off: at no measured size is the fix measurably faster, that is
     * the speed-up interval includes 1.0 (or lies below it) at every size.
     */
    public static List<String> notPayingOff(JsonNode calibration) {
        List<String> rules = new ArrayList<>();
        calibration.path("rules").fields().forEachRemaining(rule -> {
            JsonNode sizes = rule.getValue().path("sizes");
            boolean all = sizes.size() > 0;
            for (JsonNode size : sizes) {
                all &= size.path("speedupLow").asDouble() <= 1.0;
            }
            if (all) {
                rules.add(rule.getKey());
            }
        });
        return rules;
    }

    /** The {@link #notPayingOff} list as text for the end of a report. */
    public static String notPayingOffText(JsonNode calibration) {
        List<String> rules = notPayingOff(calibration);
        if (rules.isEmpty()) {
            return "Every measured rule's fix is measurably faster at some size on this JDK.\n";
        }
        return "Advice that does not pay off on this JDK (not measurably faster at any size): "
                + String.join(", ", rules) + "\n";
    }
}
