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

/** Reads {@code calibration.json} (schema 1); a malformed file is an {@link IllegalArgumentException} that says where. */
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
        if (schema != 1) {
            throw new IllegalArgumentException(origin + ": unsupported schema " + root.path("schema") + " (expected 1)");
        }
        JsonNode source = required(root, "source", origin);
        Source parsedSource = new Source(text(source, "jdk", origin), source.path("vm").asText(""),
                source.path("cores").asInt(0), text(source, "date", origin), source.path("mode").asText("full"),
                source.path("command").asText(""));
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
            double low = number(size, "speedupLow", where);
            if (!(speedup > 0) || !(low >= 0) || low > speedup) {
                throw new IllegalArgumentException(where + ": the speed-up must be positive and its interval's low end"
                        + " between 0 and it");
            }
            points.add(new Point(size.get(param).asLong(), before, after, speedup, low,
                    optional(size, "speedupHigh"), optional(size, "allocRatio"), optional(size, "allocDelta")));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(where + ": no sizes");
        }
        points.sort(Comparator.comparingLong(Point::n));
        return new RuleCalibration(node.path("benchmark").asText(""), param, node.path("sizeMeaning").asText(""),
                List.copyOf(points));
    }

    private static Measure measure(JsonNode node, String where) {
        return new Measure(number(node, "score", where), number(node, "error", where),
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
