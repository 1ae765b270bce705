package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a calibration file back for people: a table of the pairs, and the advice that does not pay off. */
public final class CalibrationSummary {
    private CalibrationSummary() {
    }

    /** One line per rule and size: rule, n, speed-up with its interval, verdict, pairs, allocation effect. */
    public static String table(JsonNode calibration) {
        StringBuilder out = new StringBuilder();
        JsonNode source = calibration.path("source");
        out.append(String.format(Locale.ROOT, "calibration: JDK %s (%s), %d cores, load average %s, %s, %s mode (%s)%n",
                source.path("jdk").asText(), source.path("vm").asText(), source.path("cores").asInt(),
                source.path("loadAverage").asText("unknown"), source.path("date").asText(), source.path("mode").asText(),
                source.path("settings").asText()));
        out.append(String.format(Locale.ROOT, "speed-up: geometric mean of paired rounds, %.0f%% interval%n",
                source.path("confidence").asDouble() * 100));
        out.append(String.format(Locale.ROOT, "%-30s %8s  %-22s %-13s %5s  %s%n", "rule", "n", "speed-up (interval)",
                "verdict", "pairs", "allocation"));
        calibration.path("rules").fields().forEachRemaining(rule -> {
            for (JsonNode size : rule.getValue().path("sizes")) {
                out.append(String.format(Locale.ROOT, "%-30s %8d  %-22s %-13s %5d  %s%n", rule.getKey(),
                        size.path("n").asLong(), speedup(size), size.path("verdict").asText(),
                        size.path("pairs").asInt(), allocation(size)));
            }
        });
        return out.toString();
    }

    static String speedup(JsonNode size) {
        JsonNode low = size.path("speedupLow");
        JsonNode high = size.path("speedupHigh");
        if (!low.isNumber() || !high.isNumber()) {
            return figure(size.path("speedup").asDouble()) + "x (no interval)";
        }
        return String.format(Locale.ROOT, "%sx (%s-%s)", figure(size.path("speedup").asDouble()),
                figure(low.asDouble()), figure(high.asDouble()));
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

    /** The rules whose calibration verdict is {@code verdict} (faster, equivalent, slower, inconclusive). */
    public static List<String> withVerdict(JsonNode calibration, String verdict) {
        List<String> rules = new ArrayList<>();
        calibration.path("rules").fields().forEachRemaining(rule -> {
            if (rule.getValue().path("verdict").asText().equals(verdict)) {
                rules.add(rule.getKey());
            }
        });
        return rules;
    }

    /**
     * What the run says about the advice, for the end of a report: the rules measured no faster
     * (equivalent or slower at every size), which Perflens lowers to hint in this workspace, and
     * the rules the run could not decide, which it leaves as they are.
     */
    public static String notPayingOffText(JsonNode calibration) {
        StringBuilder out = new StringBuilder();
        List<String> equivalent = withVerdict(calibration, "equivalent");
        List<String> slower = withVerdict(calibration, "slower");
        List<String> open = withVerdict(calibration, "inconclusive");
        if (equivalent.isEmpty() && slower.isEmpty() && open.isEmpty()) {
            out.append("Every measured rule's fix is measurably faster at some size on this JDK.\n");
        }
        if (!equivalent.isEmpty()) {
            out.append("Measured no gain on this JDK (equivalent at every size; lowered to hint here): ")
                    .append(String.join(", ", equivalent)).append("\n");
        }
        if (!slower.isEmpty()) {
            out.append("The fix measured slower on this JDK (lowered to hint here): ").append(String.join(", ", slower))
                    .append("\n");
        }
        if (!open.isEmpty()) {
            out.append("Not decided by this run (left as they are; see each rule's reason in the file): ")
                    .append(String.join(", ", open)).append("\n");
        }
        return out.toString();
    }
}
