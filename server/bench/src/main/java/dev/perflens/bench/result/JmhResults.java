package dev.perflens.bench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON JMH writes with {@code -rf json}: one entry per benchmark and parameter set. */
public final class JmhResults {
    /** The gc profiler's allocation per operation; JMH before 1.36 prefixed secondary metrics with "·". */
    public static final List<String> ALLOCATION_METRICS = List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One metric.
     *
     * @param score      JMH's score: the mean over all measurement iterations of all forks
     * @param scoreError half the width of JMH's 99.9% confidence interval; NaN when there was one iteration
     * @param unit       e.g. "ns/op", "B/op"
     * @param rawData    the iteration scores, one list per fork
     */
    public record Metric(double score, double scoreError, String unit, List<List<Double>> rawData) {
        public List<Double> samples() {
            return rawData.stream().flatMap(List::stream).toList();
        }
    }

    /** One JMH result: a benchmark method at one parameter set. */
    public record Run(String benchmark, String mode, Map<String, String> params, int forks, String jmhVersion,
                      String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs, int warmupIterations,
                      String warmupTime, int measurementIterations, String measurementTime, Metric primary,
                      Map<String, Metric> secondary) {
        /** The allocation per operation from the gc profiler, if it ran. */
        public Metric allocation() {
            for (String name : ALLOCATION_METRICS) {
                if (secondary.containsKey(name)) {
                    return secondary.get(name);
                }
            }
            return null;
        }
    }

    private JmhResults() {
    }

    public static List<Run> read(Path file) throws IOException {
        return parse(JSON.readTree(file.toFile()));
    }

    public static List<Run> parse(String json) throws IOException {
        return parse(JSON.readTree(json));
    }

    private static List<Run> parse(JsonNode root) throws IOException {
        if (root == null || !root.isArray()) {
            throw new IOException("not a JMH JSON result: expected an array");
        }
        List<Run> runs = new ArrayList<>();
        for (JsonNode run : root) {
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = run.path("secondaryMetrics").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                secondary.put(entry.getKey(), metric(entry.getValue()));
            }
            List<String> jvmArgs = new ArrayList<>();
            run.path("jvmArgs").forEach(arg -> jvmArgs.add(arg.asText()));
            if (!run.hasNonNull("benchmark") || !run.has("primaryMetric")) {
                throw new IOException("not a JMH JSON result: an entry has no benchmark or primaryMetric");
            }
            runs.add(new Run(run.path("benchmark").asText(), run.path("mode").asText(), params,
                    run.path("forks").asInt(), run.path("jmhVersion").asText(), run.path("jdkVersion").asText(),
                    run.path("vmName").asText(), run.path("vmVersion").asText(), jvmArgs,
                    run.path("warmupIterations").asInt(), run.path("warmupTime").asText(),
                    run.path("measurementIterations").asInt(), run.path("measurementTime").asText(),
                    metric(run.path("primaryMetric")), secondary));
        }
        return runs;
    }

    private static Metric metric(JsonNode node) {
        List<List<Double>> raw = new ArrayList<>();
        for (JsonNode fork : node.path("rawData")) {
            List<Double> iterations = new ArrayList<>();
            fork.forEach(value -> iterations.add(number(value)));
            raw.add(iterations);
        }
        return new Metric(number(node.path("score")), number(node.path("scoreError")), node.path("scoreUnit").asText(), raw);
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
