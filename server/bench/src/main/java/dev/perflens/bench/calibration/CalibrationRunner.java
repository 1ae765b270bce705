package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.BenchmarkException.Kind;
import dev.perflens.bench.calibration.CalibrationBuilder.Provenance;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.JmhResults.Run;
import dev.perflens.bench.sandbox.ForkedJvm;
import dev.perflens.bench.sandbox.Sandbox;
import dev.perflens.engine.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the calibration pairs of benchmarks.jar on this machine's JDK, one JMH run per rule in a
 * separate JVM (the launcher of the running JVM, or the one given), with {@code -prof gc -rf json},
 * then builds the calibration file from the results. Every JMH run has a wall-clock limit and is
 * killed when it passes it or when the caller cancels.
 */
public final class CalibrationRunner {
    /**
     * JMH settings per mode. Many short iterations rather than a few long ones: JMH's 99.9% interval
     * uses Student's t, which is 12.9 for 4 iterations and 4.4 for 12. Smoke exists for tests: one
     * size per rule, intervals too wide to trust.
     */
    public enum Mode {
        SMOKE(List.of("-wi", "1", "-w", "200ms", "-i", "3", "-r", "100ms"), true, 120),
        QUICK(List.of("-wi", "2", "-w", "200ms", "-i", "8", "-r", "100ms"), false, 300),
        FULL(List.of("-wi", "3", "-w", "300ms", "-i", "12", "-r", "300ms"), false, 900);

        final List<String> jmhOptions;
        final boolean smallestSizeOnly;
        /** Wall-clock limit of one rule's JMH run (both sides, every size), generous for a loaded machine. */
        final long perRuleTimeoutSeconds;

        Mode(List<String> jmhOptions, boolean smallestSizeOnly, long perRuleTimeoutSeconds) {
            this.jmhOptions = jmhOptions;
            this.smallestSizeOnly = smallestSizeOnly;
            this.perRuleTimeoutSeconds = perRuleTimeoutSeconds;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.id().equals(text)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("--mode must be smoke, quick or full, not " + text);
        }
    }

    /** What to run: {@code rules} empty means every measured rule. */
    public record Request(Path benchmarksJar, Path java, Mode mode, List<String> rules, String command) {
        public Request {
            rules = List.copyOf(rules);
        }
    }

    private static final Pattern LISTED_PARAM = Pattern.compile("^\\s+param \"n\" = \\{([^}]*)}");
    private static final Pattern LISTED_BENCHMARK = Pattern.compile("^(dev\\.perflens\\.calibration\\.\\w+)\\.(before|after)$");

    private CalibrationRunner() {
    }

    /**
     * Runs the request and returns the calibration file's content; {@code progress} receives one
     * line per rule before it runs.
     */
    public static ObjectNode run(Request request, Consumer<String> progress, Cancellation cancellation)
            throws BenchmarkException {
        if (!Files.isRegularFile(request.benchmarksJar())) {
            throw new BenchmarkException(Kind.IO, "no benchmarks jar at " + request.benchmarksJar()
                    + "; build it with: mvn -o -q package -f fixtures/calibration/pom.xml");
        }
        if (!Files.isExecutable(request.java())) {
            throw new BenchmarkException(Kind.IO, "no java launcher at " + request.java()
                    + "; install a JDK 17 or newer, or set JAVA_HOME");
        }
        PairCatalogue catalogue;
        try {
            catalogue = PairCatalogue.read(request.benchmarksJar());
        } catch (IOException | IllegalArgumentException e) {
            throw new BenchmarkException(Kind.IO, e.getMessage(), e);
        }
        try (Sandbox sandbox = Sandbox.create()) {
            Map<String, List<Long>> sizes = listSizes(request, sandbox.root(), cancellation);
            List<String> rules = selectRules(request.rules(), catalogue, sizes);
            List<Run> runs = new ArrayList<>();
            int index = 0;
            for (String rule : rules) {
                List<Long> ruleSizes = sizes.get(PairCatalogue.className(rule));
                List<Long> chosen = request.mode().smallestSizeOnly ? List.of(ruleSizes.get(0)) : ruleSizes;
                progress.accept(String.format(Locale.ROOT, "[%d/%d] %s n=%s ...", ++index, rules.size(), rule,
                        String.join(",", chosen.stream().map(String::valueOf).toList())));
                runs.addAll(runRule(request, rule, chosen, sandbox.root(), cancellation));
            }
            return CalibrationBuilder.build(runs, catalogue, Provenance.of(request.mode().id(), request.command()));
        } catch (IllegalArgumentException e) {
            throw new BenchmarkException(Kind.RUN_FAILED, "the JMH results cannot be used: " + e.getMessage(), e);
        }
    }

    static List<String> selectRules(List<String> requested, PairCatalogue catalogue, Map<String, List<Long>> sizes)
            throws BenchmarkException {
        List<String> rules = new ArrayList<>();
        for (String rule : requested.isEmpty() ? catalogue.sizeMeaning().keySet().stream().sorted().toList() : requested) {
            if (catalogue.unmeasured().containsKey(rule)) {
                throw new BenchmarkException(Kind.UNSUPPORTED_METHOD, rule + " has no calibration pair: "
                        + catalogue.unmeasured().get(rule));
            }
            if (!catalogue.sizeMeaning().containsKey(rule)) {
                throw new BenchmarkException(Kind.UNSUPPORTED_METHOD, "unknown rule " + rule + "; rules with a pair: "
                        + String.join(", ", catalogue.sizeMeaning().keySet().stream().sorted().toList()));
            }
            if (!sizes.containsKey(PairCatalogue.className(rule))) {
                throw new BenchmarkException(Kind.IO, "the benchmarks jar has no pair " + PairCatalogue.className(rule)
                        + " for " + rule + "; rebuild it (mvn -o -q package -f fixtures/calibration/pom.xml)");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Asks JMH which pairs the jar holds and their sizes ({@code -lp}). */
    private static Map<String, List<Long>> listSizes(Request request, Path workDir, Cancellation cancellation)
            throws BenchmarkException {
        List<String> command = List.of(request.java().toString(), "-jar", request.benchmarksJar().toString(), "-lp",
                "dev\\.perflens\\.calibration\\.");
        ForkedJvm.Exit exit = ForkedJvm.run(command, workDir, "list", deadline(60), cancellation, null,
                "listing the benchmarks took longer than 60 s");
        if (exit.status() != 0) {
            throw new BenchmarkException(Kind.RUN_FAILED, "JMH could not list the benchmarks:\n" + exit.tail());
        }
        Map<String, List<Long>> sizes = new LinkedHashMap<>();
        try {
            String current = null;
            for (String line : Files.readAllLines(exit.stdout(), StandardCharsets.UTF_8)) {
                Matcher benchmark = LISTED_BENCHMARK.matcher(line.trim());
                Matcher param = LISTED_PARAM.matcher(line);
                if (benchmark.matches()) {
                    current = benchmark.group(1);
                } else if (param.find() && current != null) {
                    List<Long> values = new ArrayList<>();
                    for (String value : param.group(1).split(",")) {
                        values.add(Long.parseLong(value.trim()));
                    }
                    values.sort(null);
                    sizes.put(current, values);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new BenchmarkException(Kind.IO, "cannot read JMH's list of benchmarks: " + e.getMessage(), e);
        }
        return sizes;
    }

    private static List<Run> runRule(Request request, String rule, List<Long> sizes, Path workDir,
                                     Cancellation cancellation) throws BenchmarkException {
        Path results = workDir.resolve(rule + ".json");
        List<String> command = new ArrayList<>(List.of(request.java().toString(), "-jar",
                request.benchmarksJar().toString(), "^" + Pattern.quote(PairCatalogue.className(rule)) + "\\.(before|after)$",
                "-f", "1", "-bm", "avgt", "-tu", "ns", "-prof", "gc", "-rf", "json", "-rff", results.toString(),
                "-p", "n=" + String.join(",", sizes.stream().map(String::valueOf).toList())));
        command.addAll(request.mode().jmhOptions);
        ForkedJvm.Exit exit = ForkedJvm.run(command, workDir, rule, deadline(request.mode().perRuleTimeoutSeconds),
                cancellation, null, rule + ": JMH took longer than " + request.mode().perRuleTimeoutSeconds + " s and was stopped");
        if (exit.status() != 0 || !Files.isRegularFile(results)) {
            throw new BenchmarkException(Kind.RUN_FAILED, rule + ": JMH failed (exit " + exit.status() + "):\n" + exit.tail());
        }
        try {
            return JmhResults.read(results);
        } catch (IOException e) {
            throw new BenchmarkException(Kind.IO, rule + ": unreadable JMH results: " + e.getMessage(), e);
        }
    }

    private static long deadline(long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }
}
