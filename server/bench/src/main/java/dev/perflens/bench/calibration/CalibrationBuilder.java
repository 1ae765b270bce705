package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.JmhResults.Metric;
import dev.perflens.bench.result.JmhResults.Run;
import dev.perflens.bench.result.Statistics;
import dev.perflens.bench.result.Verdict;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the rounds of a calibration run (JMH results, {@code -rf json} with {@code -prof gc}, one
 * result per round, in the order they ran) into Perflens' calibration file (schema 2): per rule
 * and size the two variants' mean times, the paired rounds, the speed-up with its interval from
 * those pairs ({@link Statistics#pairedRatio}), the verdict that interval supports
 * ({@link Statistics.Criteria#CALIBRATION}) and why the rounds stopped, the allocation effect,
 * a verdict per rule, plus where the figures came from and why some rules have no pair. Nothing
 * here is typed by hand: every figure is read from JMH.
 */
public final class CalibrationBuilder {
    public static final int SCHEMA = 2;
    /** The calibration's intervals are 95%: a few paired rounds per size, not hundreds of iterations. */
    public static final double CONFIDENCE = 0.95;
    /** Below this the gc profiler's bytes/op is normalisation noise: the smallest Java object is 16 bytes. */
    static final double NO_ALLOCATION = 0.5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final MathContext FIGURES = new MathContext(4);

    /** How the run was made, for the "source" block; the JDK and VM come from the JMH results. */
    public record Provenance(String mode, String settings, String command, int cores, LocalDate date, Double load) {
        public static Provenance of(String mode, String settings, String command) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new Provenance(mode, settings, command, Runtime.getRuntime().availableProcessors(),
                    LocalDate.now(ZoneOffset.UTC), load < 0 ? null : load);
        }
    }

    private CalibrationBuilder() {
    }

    /** The key of one rule's size in the map of stops. */
    public static String key(String rule, long n) {
        return rule + " n=" + n;
    }

    /**
     * A round's time per operation: the median of its measurement iterations. On a shared machine
     * another job's burst lands in one iteration or two; the median of a round's short iterations
     * ignores those, the mean does not. Both variants are read the same way.
     */
    public static double roundScore(Run run) {
        double[] values = run.primary().rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        if (values.length == 0) {
            return run.primary().score();
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Rounds of one side of one pair, in the order they ran. */
    private static final class Rounds {
        final List<Run> before = new ArrayList<>();
        final List<Run> after = new ArrayList<>();
    }

    /**
     * Builds the calibration file's content from every round's JMH result; {@code stops} says per
     * {@link #key} why a size's rounds ended (a size missing from it gets no "stoppedBy").
     */
    public static ObjectNode build(List<Run> runs, Map<String, CalibrationRunner.Stop> stops, PairCatalogue catalogue,
                                   Provenance provenance) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the JMH results are empty: no pair ran");
        }
        Map<String, Map<Long, Rounds>> pairs = group(runs, catalogue);
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("source", source(runs, provenance));
        ObjectNode rules = root.putObject("rules");
        pairs.forEach((rule, sizes) -> rules.set(rule, rule(rule, sizes, stops, catalogue)));
        ObjectNode unmeasured = root.putObject("unmeasured");
        new TreeMap<>(catalogue.unmeasured()).forEach(unmeasured::put);
        return root;
    }

    /** "3.1x (2.9-3.3x), faster after 3 pairs" for progress lines. */
    static String lastLine(List<Run> runs, String rule, long n, CalibrationRunner.Stop stop) {
        Rounds rounds = group(runs.stream().filter(run -> PairCatalogue.ruleId(className(run)).equals(rule)
                && String.valueOf(n).equals(run.params().get("n"))).toList(), null).get(rule).get(n);
        ObjectNode size = size(rule, n, rounds, stop);
        return CalibrationSummary.speedup(size) + ", " + size.path("verdict").asText() + " after "
                + size.path("pairs").asInt() + " pairs (" + stop.label() + ")";
    }

    private static String className(Run run) {
        int dot = run.benchmark().lastIndexOf('.');
        return run.benchmark().substring(0, Math.max(dot, 0));
    }

    private static Map<String, Map<Long, Rounds>> group(List<Run> runs, PairCatalogue catalogue) {
        Map<String, Map<Long, Rounds>> pairs = new TreeMap<>();
        for (Run run : runs) {
            String benchmark = run.benchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String rule = PairCatalogue.ruleId(className(run));
            if (catalogue != null && !catalogue.sizeMeaning().containsKey(rule)) {
                throw new IllegalArgumentException(benchmark + ": rule " + rule + " has no sizeMeaning in "
                        + PairCatalogue.RESOURCE);
            }
            if (!"avgt".equals(run.mode())) {
                throw new IllegalArgumentException(benchmark + ": mode " + run.mode() + ", expected avgt (AverageTime)");
            }
            String n = run.params().get("n");
            if (n == null) {
                throw new IllegalArgumentException(benchmark + ": no @Param n");
            }
            if (!"ns/op".equals(run.primary().unit())) {
                throw new IllegalArgumentException(benchmark + ": unit " + run.primary().unit() + ", expected ns/op");
            }
            if (!(roundScore(run) > 0)) {
                throw new IllegalArgumentException(benchmark + " n=" + n + ": no positive score");
            }
            allocation(run);
            Rounds rounds = pairs.computeIfAbsent(rule, r -> new TreeMap<>())
                    .computeIfAbsent(Long.parseLong(n), size -> new Rounds());
            switch (method) {
                case "before" -> rounds.before.add(run);
                case "after" -> rounds.after.add(run);
                default -> throw new IllegalArgumentException(benchmark + ": a pair's methods are before and after");
            }
        }
        return pairs;
    }

    private static ObjectNode source(List<Run> runs, Provenance provenance) {
        Run first = runs.get(0);
        for (Run run : runs) {
            if (!run.jdkVersion().equals(first.jdkVersion()) || !run.vmName().equals(first.vmName())) {
                throw new IllegalArgumentException("the JMH results mix JVMs: " + first.jdkVersion() + " and "
                        + run.jdkVersion());
            }
        }
        ObjectNode source = JSON.createObjectNode();
        source.put("jdk", first.jdkVersion());
        source.put("vm", first.vmName());
        source.put("cores", provenance.cores());
        source.put("date", provenance.date().toString());
        source.put("mode", provenance.mode());
        source.put("settings", provenance.settings());
        if (provenance.load() != null) {
            source.put("loadAverage", round(provenance.load()));
        }
        source.put("confidence", CONFIDENCE);
        source.put("jmh", first.jmhVersion());
        source.put("command", provenance.command());
        return source;
    }

    private static ObjectNode rule(String rule, Map<Long, Rounds> sizes, Map<String, CalibrationRunner.Stop> stops,
                                   PairCatalogue catalogue) {
        ObjectNode node = JSON.createObjectNode();
        node.put("benchmark", PairCatalogue.className(rule));
        node.put("param", "n");
        node.put("sizeMeaning", catalogue.sizeMeaning().get(rule));
        var list = node.putArray("sizes");
        sizes.forEach((n, rounds) -> list.add(size(rule, n, rounds, stops.get(key(rule, n)))));
        List<String> verdicts = new ArrayList<>();
        List<String> open = new ArrayList<>();
        list.forEach(size -> {
            verdicts.add(size.path("verdict").asText());
            if (size.path("verdict").asText().equals("inconclusive")) {
                open.add("n=" + size.path("n").asLong() + ": " + CalibrationSummary.speedup(size) + " after "
                        + size.path("pairs").asInt() + " pairs" + (size.has("stoppedBy")
                        ? ", stopped by the " + size.path("stoppedBy").asText() : ""));
            }
        });
        String verdict;
        if (verdicts.contains("faster")) {
            verdict = "faster";
        } else if (verdicts.stream().allMatch("equivalent"::equals)) {
            verdict = "equivalent";
        } else if (verdicts.contains("slower") && open.isEmpty()) {
            verdict = "slower";
        } else {
            verdict = "inconclusive";
        }
        node.put("verdict", verdict);
        if (verdict.equals("inconclusive")) {
            node.put("reason", "no size measurably faster (interval low end at least 1.1) and not equivalent at every "
                    + "size (interval inside 0.8-1.25): " + String.join("; ", open));
        }
        return node;
    }

    private static ObjectNode size(String rule, long n, Rounds rounds, CalibrationRunner.Stop stop) {
        if (rounds.before.isEmpty() || rounds.after.isEmpty()) {
            throw new IllegalArgumentException(rule + " n=" + n + ": no " + (rounds.before.isEmpty() ? "before" : "after")
                    + " result; a size is usable only with both sides of the pair");
        }
        if (rounds.before.size() != rounds.after.size()) {
            throw new IllegalArgumentException(rule + " n=" + n + ": " + rounds.before.size() + " before rounds and "
                    + rounds.after.size() + " after rounds; paired rounds come in pairs");
        }
        int pairs = rounds.before.size();
        double[] before = rounds.before.stream().mapToDouble(CalibrationBuilder::roundScore).toArray();
        double[] after = rounds.after.stream().mapToDouble(CalibrationBuilder::roundScore).toArray();
        Statistics.Ratio speedup = Statistics.pairedRatio(before, after, CONFIDENCE);
        Verdict verdict = Statistics.verdict(speedup, Statistics.Criteria.CALIBRATION);
        double allocBefore = rounds.before.stream().mapToDouble(CalibrationBuilder::allocation).average().orElseThrow();
        double allocAfter = rounds.after.stream().mapToDouble(CalibrationBuilder::allocation).average().orElseThrow();
        ObjectNode size = JSON.createObjectNode();
        size.put("n", n);
        size.set("before", side(before, allocBefore));
        size.set("after", side(after, allocAfter));
        size.put("speedup", round(speedup.value()));
        if (speedup.hasInterval()) {
            size.put("speedupLow", round(speedup.low()));
            size.put("speedupHigh", round(speedup.high()));
        } else {
            size.putNull("speedupLow");
            size.putNull("speedupHigh");
        }
        size.put("pairs", pairs);
        size.put("verdict", verdict == Verdict.NO_SIGNIFICANT_DIFFERENCE ? "inconclusive" : verdict.label());
        if (stop != null) {
            size.put("stoppedBy", stop.label());
        }
        if (allocBefore < NO_ALLOCATION) {
            size.putNull("allocRatio");
            size.put("allocDelta", round(allocAfter - allocBefore));
        } else {
            size.put("allocRatio", round(allocAfter / allocBefore));
        }
        var list = size.putArray("rounds");
        for (int i = 0; i < pairs; i++) {
            list.addArray().add(round(before[i])).add(round(after[i]));
        }
        return size;
    }

    private static double allocation(Run run) {
        Metric allocation = run.allocation();
        if (allocation == null || !Double.isFinite(allocation.score())) {
            throw new IllegalArgumentException(run.benchmark() + ": no gc.alloc.rate.norm; run JMH with -prof gc");
        }
        return allocation.score();
    }

    /** The mean over rounds and its 95% half-width (NaN with one round). */
    private static ObjectNode side(double[] rounds, double allocation) {
        Statistics.Summary summary = Statistics.summarize(Arrays.stream(rounds).boxed().toList(), CONFIDENCE);
        ObjectNode side = JSON.createObjectNode();
        side.put("score", round(summary.mean()));
        if (summary.hasInterval()) {
            side.put("error", round(summary.error()));
        } else {
            side.putNull("error");
        }
        side.put("unit", "ns/op");
        side.put("allocBytesPerOp", round(allocation));
        return side;
    }

    /** Four significant figures: JMH's own error is wider than that. */
    static double round(double value) {
        return value == 0 || !Double.isFinite(value) ? value : new BigDecimal(value).round(FIGURES).doubleValue();
    }

    /** Writes the file through a temporary file in the same folder and a rename, so readers never see half of it. */
    public static void writeAtomically(JsonNode calibration, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".calibration", ".tmp");
        try {
            Files.writeString(temp, JSON.writeValueAsString(calibration) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * {@code CalibrationBuilder --jmh rounds.json --catalogue rules.json|benchmarks.jar --out calibration.json
     * --mode full --command "how to reproduce"}: converts the rounds a run kept ({@code perflens calibrate
     * --rounds FILE}), writes, and prints the table.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                break;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("jmh", "catalogue", "out", "mode", "command")) {
            if (!options.containsKey(required)) {
                System.err.println("usage: CalibrationBuilder --jmh FILE --catalogue FILE --out FILE --mode MODE "
                        + "--command TEXT (missing --" + required + ")");
                System.exit(2);
            }
        }
        try {
            ObjectNode calibration = build(JmhResults.read(Path.of(options.get("jmh"))), Map.of(),
                    PairCatalogue.read(Path.of(options.get("catalogue"))),
                    Provenance.of(options.get("mode"), "rounds read from " + options.get("jmh"), options.get("command")));
            writeAtomically(calibration, Path.of(options.get("out")));
            System.out.print(CalibrationSummary.table(calibration));
            System.out.print(CalibrationSummary.notPayingOffText(calibration));
        } catch (IllegalArgumentException e) {
            System.err.println("calibration: " + e.getMessage());
            System.exit(1);
        }
    }
}
