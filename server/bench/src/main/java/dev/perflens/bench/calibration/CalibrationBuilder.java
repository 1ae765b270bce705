package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.JmhResults.Metric;
import dev.perflens.bench.result.JmhResults.Run;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON JMH writes for the calibration pairs ({@code -rf json}, with {@code -prof gc}) into
 * Perflens' calibration file (schema 1): per rule and size the two measurements, the speed-up with
 * the interval from JMH's score errors, and the allocation effect, plus where the figures came from
 * and why some rules have no pair. Nothing here is typed by hand: every figure is read from JMH.
 */
public final class CalibrationBuilder {
    public static final int SCHEMA = 1;
    /** Below this the gc profiler's bytes/op is normalisation noise: the smallest Java object is 16 bytes. */
    static final double NO_ALLOCATION = 0.5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final MathContext FIGURES = new MathContext(4);

    /** How the run was made, for the "source" block; the JDK and VM come from the JMH results. */
    public record Provenance(String mode, String command, int cores, LocalDate date) {
        public static Provenance of(String mode, String command) {
            return new Provenance(mode, command, Runtime.getRuntime().availableProcessors(),
                    LocalDate.now(ZoneOffset.UTC));
        }
    }

    private CalibrationBuilder() {
    }

    /** Builds the calibration file's content from JMH results. */
    public static ObjectNode build(List<Run> runs, PairCatalogue catalogue, Provenance provenance) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the JMH results are empty: no pair ran");
        }
        Map<String, Map<Long, Run[]>> pairs = new TreeMap<>();
        for (Run run : runs) {
            pair(run, catalogue, pairs);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("source", source(runs, provenance));
        ObjectNode rules = root.putObject("rules");
        pairs.forEach((rule, sizes) -> rules.set(rule, rule(rule, sizes, catalogue)));
        ObjectNode unmeasured = root.putObject("unmeasured");
        new TreeMap<>(catalogue.unmeasured()).forEach(unmeasured::put);
        return root;
    }

    private static void pair(Run run, PairCatalogue catalogue, Map<String, Map<Long, Run[]>> pairs) {
        String benchmark = run.benchmark();
        int dot = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, Math.max(dot, 0));
        String method = benchmark.substring(dot + 1);
        String rule = PairCatalogue.ruleId(className);
        if (!catalogue.sizeMeaning().containsKey(rule)) {
            throw new IllegalArgumentException(benchmark + ": rule " + rule + " has no sizeMeaning in "
                    + PairCatalogue.RESOURCE);
        }
        int side = switch (method) {
            case "before" -> 0;
            case "after" -> 1;
            default -> throw new IllegalArgumentException(benchmark + ": a pair's methods are before and after");
        };
        if (!"avgt".equals(run.mode())) {
            throw new IllegalArgumentException(benchmark + ": mode " + run.mode() + ", expected avgt (AverageTime)");
        }
        String n = run.params().get("n");
        if (n == null) {
            throw new IllegalArgumentException(benchmark + ": no @Param n");
        }
        Run[] both = pairs.computeIfAbsent(rule, r -> new TreeMap<>())
                .computeIfAbsent(Long.parseLong(n), size -> new Run[2]);
        if (both[side] != null) {
            throw new IllegalArgumentException(benchmark + " n=" + n + " appears twice in the JMH results");
        }
        both[side] = run;
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
        source.put("jmh", first.jmhVersion());
        source.put("command", provenance.command());
        return source;
    }

    private static ObjectNode rule(String rule, Map<Long, Run[]> sizes, PairCatalogue catalogue) {
        ObjectNode node = JSON.createObjectNode();
        node.put("benchmark", PairCatalogue.className(rule));
        node.put("param", "n");
        node.put("sizeMeaning", catalogue.sizeMeaning().get(rule));
        var list = node.putArray("sizes");
        sizes.forEach((n, both) -> list.add(size(rule, n, both)));
        return node;
    }

    private static ObjectNode size(String rule, long n, Run[] both) {
        for (int side = 0; side < 2; side++) {
            if (both[side] == null) {
                throw new IllegalArgumentException(rule + " n=" + n + ": no " + (side == 0 ? "before" : "after")
                        + " result; a size is usable only with both sides of the pair");
            }
        }
        Metric before = both[0].primary();
        Metric after = both[1].primary();
        for (Run run : both) {
            Metric time = run.primary();
            if (!Double.isFinite(time.scoreError())) {
                throw new IllegalArgumentException(run.benchmark() + " n=" + n + ": no score error; JMH needs at "
                        + "least 2 measurement iterations for an interval");
            }
            if (!"ns/op".equals(time.unit())) {
                throw new IllegalArgumentException(run.benchmark() + ": unit " + time.unit() + ", expected ns/op");
            }
        }
        double allocBefore = allocation(both[0]);
        double allocAfter = allocation(both[1]);
        ObjectNode size = JSON.createObjectNode();
        size.put("n", n);
        size.set("before", side(before, allocBefore));
        size.set("after", side(after, allocAfter));
        size.put("speedup", round(before.score() / after.score()));
        // with a very wide error the low end of "before" goes below zero; a ratio of times cannot
        size.put("speedupLow", round(Math.max(0, before.score() - before.scoreError())
                / (after.score() + after.scoreError())));
        double afterLow = after.score() - after.scoreError();
        if (afterLow <= 0) {
            size.putNull("speedupHigh");
        } else {
            size.put("speedupHigh", round((before.score() + before.scoreError()) / afterLow));
        }
        if (allocBefore < NO_ALLOCATION) {
            size.putNull("allocRatio");
            size.put("allocDelta", round(allocAfter - allocBefore));
        } else {
            size.put("allocRatio", round(allocAfter / allocBefore));
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

    private static ObjectNode side(Metric time, double allocation) {
        ObjectNode side = JSON.createObjectNode();
        side.put("score", round(time.score()));
        side.put("error", round(time.scoreError()));
        side.put("unit", time.unit());
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
     * {@code CalibrationBuilder --jmh results.json --catalogue rules.json|benchmarks.jar --out calibration.json
     * --mode full --command "how to reproduce"}: converts, writes, and prints the table.
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
            ObjectNode calibration = build(JmhResults.read(Path.of(options.get("jmh"))),
                    PairCatalogue.read(Path.of(options.get("catalogue"))),
                    Provenance.of(options.get("mode"), options.get("command")));
            writeAtomically(calibration, Path.of(options.get("out")));
            System.out.print(CalibrationSummary.table(calibration));
            System.out.print(CalibrationSummary.notPayingOffText(calibration));
        } catch (IllegalArgumentException e) {
            System.err.println("calibration: " + e.getMessage());
            System.exit(1);
        }
    }
}
