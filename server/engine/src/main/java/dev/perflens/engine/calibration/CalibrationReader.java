package dev.perflens.engine.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perflens.engine.calibration.CalibrationData.Measure;
import dev.perflens.engine.calibration.CalibrationData.Point;
import dev.perflens.engine.calibration.CalibrationData.RuleCalibration;
import dev.perflens.engine.calibration.CalibrationData.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code calibration.json} (schema 2: paired rounds, an interval with finite bounds and a
 * verdict per size and rule); a malformed file is an {@link IllegalArgumentException} that says where.
 */
public final class CalibrationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CalibrationReader() {
    }

    public static CalibrationData read(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + " must hold a JSON object");
        }
        int schema = root.path("schema").asInt(-1);
        if (schema == 1) {
            throw new IllegalArgumentException(origin + " was written by an older Perflens (schema 1: worst-case"
                    + " intervals from two JMH errors, no verdicts); run perflens calibrate again");
        }
        if (schema != 2) {
            throw new IllegalArgumentException(origin + ": unsupported schema " + root.path("schema") + " (expected 2)");
        }
        JsonNode source = required(root, "source", origin);
        Source parsedSource = new Source(text(source, "jdk", origin), source.path("vm").asText(""),
                source.path("cores").asInt(0), text(source, "date", origin), source.path("mode").asText("full"),
                source.path("command").asText(""), source.path("confidence").asDouble(0.95),
                optional(source, "loadAverage"));
        Map<String, RuleCalibration> rules = new LinkedHashMap<>();
        required(root, "rules", origin).fields().forEachRemaining(e -> rules.put(e.getKey(),
                rule(e.getValue(), origin + " rules." + e.getKey())));
        Map<String, String> unmeasured = new LinkedHashMap<>();
        root.path("unmeasured").fields().forEachRemaining(e -> unmeasured.put(e.getKey(), e.getValue().asText()));
        return new CalibrationData(parsedSource, Map.copyOf(rules), Map.copyOf(unmeasured), origin);
    }

    private static RuleCalibration rule(JsonNode node, String where) {
        String param = node.path("param").asText("n");
        List<Point> points = new ArrayList<>();
        for (JsonNode size : required(node, "sizes", where)) {
            Measure before = measure(required(size, "before", where), where);
            Measure after = measure(required(size, "after", where), where);
            if (!size.has(param) || !size.get(param).canConvertToLong()) {
                throw new IllegalArgumentException(where + ": a size lacks its integer '" + param + "'");
            }
            double speedup = number(size, "speedup", where);
            Double low = optional(size, "speedupLow");
            Double high = optional(size, "speedupHigh");
            long n = size.get(param).asLong();
            if (low == null || high == null) {
                // one pair: no interval; the size says nothing an estimate could quote
                continue;
            }
            if (!(speedup > 0) || !(low > 0) || low > speedup || high < speedup || !Double.isFinite(high)) {
                throw new IllegalArgumentException(where + " n=" + n + ": the speed-up must be positive and lie in its"
                        + " interval, whose ends are finite and positive");
            }
            points.add(new Point(n, before, after, speedup, low, high, optional(size, "allocRatio"),
                    optional(size, "allocDelta"), size.path("pairs").asInt(0),
                    CalibrationData.Verdict.of(text(size, "verdict", where + " n=" + n))));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(where + ": no sizes");
        }
        points.sort(Comparator.comparingLong(Point::n));
        return new RuleCalibration(node.path("benchmark").asText(""), param, node.path("sizeMeaning").asText(""),
                List.copyOf(points), CalibrationData.Verdict.of(text(node, "verdict", where)),
                node.path("reason").asText(""));
    }

    private static Measure measure(JsonNode node, String where) {
        return new Measure(number(node, "score", where), optional(node, "error"),
                node.path("unit").asText("ns/op"), optional(node, "allocBytesPerOp"));
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": missing '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        return required(node, field, where).asText();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number, not " + value);
        }
        return value.asDouble();
    }

    private static Double optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }
}
