package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.BenchmarkException.Kind;
import dev.perflens.bench.calibration.CalibrationBuilder.Provenance;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.JmhResults.Run;
import dev.perflens.bench.result.Statistics;
import dev.perflens.bench.result.Verdict;
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
 * Runs the calibration pairs of benchmarks.jar on this machine's JDK in paired rounds (see
 * {@link Mode}), each round a JMH run in a JVM of its own (the launcher of the running JVM, or the
 * one given) with {@code -prof gc -rf json}, then builds the calibration file from the rounds.
 * Every round has a wall-clock limit and is killed when it passes it or when the caller cancels.
 */
public final class CalibrationRunner {
    /**
     * Settings per mode. A size is measured in paired rounds: one round is one short JMH run of one
     * variant in a fresh JVM (JMH {@code -f 0} inside a JVM of its own), and the variants alternate
     * A B, B A, A B ... so each pair's two rounds ran next to each other. Rounds go on until the
     * speed-up's interval decides (faster, equivalent or slower under
     * {@link Statistics.Criteria#CALIBRATION}), or the size's time cap or the most pairs is reached.
     * Smoke exists for tests: one size per rule, two pairs, intervals too wide to trust.
     */
    public enum Mode {
        SMOKE(List.of("-wi", "1", "-w", "100ms", "-i", "2", "-r", "100ms"), true, 2, 2, 20),
        QUICK(List.of("-wi", "3", "-w", "100ms", "-i", "4", "-r", "100ms"), false, 3, 12, 15),
        FULL(List.of("-wi", "4", "-w", "200ms", "-i", "6", "-r", "100ms"), false, 4, 20, 30);

        final List<String> jmhOptions;
        final boolean smallestSizeOnly;
        /** Pairs measured before the interval is looked at. */
        final int minPairs;
        final int maxPairs;
        /** Wall-clock budget of one size: no pair is started that would likely end after it. */
        final long sizeCapSeconds;

        Mode(List<String> jmhOptions, boolean smallestSizeOnly, int minPairs, int maxPairs, long sizeCapSeconds) {
            this.jmhOptions = jmhOptions;
            this.smallestSizeOnly = smallestSizeOnly;
            this.minPairs = minPairs;
            this.maxPairs = maxPairs;
            this.sizeCapSeconds = sizeCapSeconds;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** "rounds of 6 x 100ms (warm-up 4 x 200ms), 3 to 20 pairs per size, at most 30 s per size". */
        public String describe() {
            return "rounds of " + jmhOptions.get(5) + " x " + jmhOptions.get(7) + " (warm-up " + jmhOptions.get(1)
                    + " x " + jmhOptions.get(3) + "), " + minPairs + " to " + maxPairs + " pairs per size, at most "
                    + sizeCapSeconds + " s per size";
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

    /** Why a size's rounds ended. */
    public enum Stop {
        DECIDED("decided"), TIME_CAP("time cap"), MAX_PAIRS("most pairs");

        private final String label;

        Stop(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What to run: {@code rules} empty means every measured rule; {@code roundsOut}, when not null,
     * receives every round's JMH result in the order they ran (one JSON array, JMH's own format).
     * {@code earlierRounds}, when not null, holds the rounds of an earlier run of the same jar to go
     * on from (with {@code earlierStops}, why its sizes stopped): its decided rules are kept as they
     * are, and its undecided sizes get more pairs, added to the ones it has.
     */
    public record Request(Path benchmarksJar, Path java, Mode mode, List<String> rules, String command, Path roundsOut,
                          Path earlierRounds, Map<String, Stop> earlierStops) {
        public Request {
            rules = List.copyOf(rules);
            earlierStops = earlierStops == null ? Map.of() : Map.copyOf(earlierStops);
        }

        public Request(Path benchmarksJar, Path java, Mode mode, List<String> rules, String command) {
            this(benchmarksJar, java, mode, rules, command, null, null, null);
        }
    }

    /** One round is a JVM start and about two seconds of JMH; a round this long means something hangs. */
    private static final long ROUND_TIMEOUT_SECONDS = 120;
    /** How long a round waits for another JMH run on this machine to finish before it gives up. */
    private static final long LOCK_WAIT_SECONDS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();
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
            Map<String, Stop> stops = new LinkedHashMap<>(request.earlierStops());
            ArrayNode raw = JSON.createArrayNode();
            ObjectNode earlier = null;
            if (request.earlierRounds() != null) {
                try {
                    runs.addAll(JmhResults.read(request.earlierRounds()));
                    JSON.readTree(request.earlierRounds().toFile()).forEach(raw::add);
                } catch (IOException e) {
                    throw new BenchmarkException(Kind.IO, "cannot read the earlier rounds " + request.earlierRounds()
                            + ": " + e.getMessage(), e);
                }
                earlier = CalibrationBuilder.build(runs, stops, catalogue, Provenance.of(request.mode().id(), "", ""));
            }
            int index = 0;
            for (String rule : rules) {
                List<Long> ruleSizes = sizes.get(PairCatalogue.className(rule));
                List<Long> chosen = request.mode().smallestSizeOnly ? List.of(ruleSizes.get(0)) : ruleSizes;
                index++;
                JsonNode before = earlier == null ? null : earlier.path("rules").get(rule);
                if (before != null && !before.path("verdict").asText().equals("inconclusive")) {
                    progress.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s in the earlier rounds, kept", index,
                            rules.size(), rule, before.path("verdict").asText()));
                    continue;
                }
                for (long n : chosen) {
                    if (before != null && decidedSize(before, n)) {
                        continue;
                    }
                    long started = System.nanoTime();
                    Stop stop = measureSize(request, rule, n, sandbox.root(), cancellation, runs, raw);
                    stops.put(CalibrationBuilder.key(rule, n), stop);
                    progress.accept(String.format(Locale.ROOT, "[%d/%d] %s n=%d: %s (%d s)", index, rules.size(),
                            rule, n, CalibrationBuilder.lastLine(runs, rule, n, stop),
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
                }
            }
            if (request.roundsOut() != null) {
                try {
                    Files.createDirectories(request.roundsOut().toAbsolutePath().getParent());
                    JSON.writerWithDefaultPrettyPrinter().writeValue(request.roundsOut().toFile(), raw);
                } catch (IOException e) {
                    throw new BenchmarkException(Kind.IO, "cannot write " + request.roundsOut() + ": " + e.getMessage(), e);
                }
            }
            return CalibrationBuilder.build(runs, stops, catalogue, Provenance.of(request.mode().id(),
                    request.mode().describe(), request.command()));
        } catch (IllegalArgumentException e) {
            throw new BenchmarkException(Kind.RUN_FAILED, "the JMH results cannot be used: " + e.getMessage(), e);
        }
    }

    private static boolean decidedSize(JsonNode rule, long n) {
        for (JsonNode size : rule.path("sizes")) {
            if (size.path("n").asLong() == n) {
                return !size.path("verdict").asText().equals("inconclusive");
            }
        }
        return false;
    }

    /**
     * Paired rounds of one size until the interval decides or the budget ends; every round's result
     * goes to {@code runs} (and its raw JSON to {@code raw}) in the order it ran. Pairs of this size
     * already in {@code runs} (an earlier run's) count, and the A B / B A order goes on from them.
     */
    private static Stop measureSize(Request request, String rule, long n, Path workDir, Cancellation cancellation,
                                    List<Run> runs, ArrayNode raw) throws BenchmarkException {
        Mode mode = request.mode();
        long started = System.nanoTime();
        long cap = TimeUnit.SECONDS.toNanos(mode.sizeCapSeconds);
        List<double[]> pairs = new ArrayList<>();
        List<Double> earlierBefore = new ArrayList<>();
        List<Double> earlierAfter = new ArrayList<>();
        for (Run run : runs) {
            if (run.benchmark().startsWith(PairCatalogue.className(rule) + ".") && String.valueOf(n).equals(run.params().get("n"))) {
                (run.benchmark().endsWith(".before") ? earlierBefore : earlierAfter).add(CalibrationBuilder.roundScore(run));
            }
        }
        for (int i = 0; i < Math.min(earlierBefore.size(), earlierAfter.size()); i++) {
            pairs.add(new double[] {earlierBefore.get(i), earlierAfter.get(i)});
        }
        int minPairs = pairs.size() + mode.minPairs;
        int maxPairs = pairs.size() + mode.maxPairs;
        while (true) {
            long pairStarted = System.nanoTime();
            double[] pair = new double[2];
            List<String> order = pairs.size() % 2 == 0 ? List.of("before", "after") : List.of("after", "before");
            for (String side : order) {
                cancellation.checkCanceled();
                Run run = runRound(request, rule, side, n, workDir, cancellation, raw);
                runs.add(run);
                pair[side.equals("before") ? 0 : 1] = CalibrationBuilder.roundScore(run);
            }
            pairs.add(pair);
            long now = System.nanoTime();
            if (pairs.size() >= minPairs) {
                Statistics.Ratio ratio = Statistics.pairedRatio(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray(), CalibrationBuilder.CONFIDENCE);
                if (Statistics.verdict(ratio, Statistics.Criteria.CALIBRATION) != Verdict.NO_SIGNIFICANT_DIFFERENCE) {
                    return Stop.DECIDED;
                }
                if (pairs.size() >= maxPairs) {
                    return Stop.MAX_PAIRS;
                }
                if (now - started + (now - pairStarted) > cap) {
                    return Stop.TIME_CAP;
                }
            }
        }
    }

    private static Run runRound(Request request, String rule, String side, long n, Path workDir,
                                Cancellation cancellation, ArrayNode raw) throws BenchmarkException {
        Path results = workDir.resolve(rule + "-" + n + "-" + side + ".json");
        // -Xbatch: the benchmark thread waits for each JIT compilation instead of running on in the
        // interpreter while a compiler thread that another job starves of CPU takes its time; without
        // it, a loaded machine measured whole rounds of uncompiled code, ten times slower.
        List<String> command = new ArrayList<>(List.of(request.java().toString(), "-Xbatch", "-jar",
                request.benchmarksJar().toString(), "^" + Pattern.quote(PairCatalogue.className(rule)) + "\\." + side + "$",
                "-f", "0", "-bm", "avgt", "-tu", "ns", "-prof", "gc", "-rf", "json", "-rff", results.toString(),
                "-p", "n=" + n));
        command.addAll(request.mode().jmhOptions);
        ForkedJvm.Exit exit;
        long lockDeadline = deadline(LOCK_WAIT_SECONDS);
        while (true) {
            exit = ForkedJvm.run(command, workDir, rule + "-" + side, deadline(ROUND_TIMEOUT_SECONDS),
                    cancellation, null, rule + " n=" + n + " " + side + ": one JMH round took longer than "
                            + ROUND_TIMEOUT_SECONDS + " s and was stopped");
            // JMH runs one instance per machine (/tmp/jmh.lock): another job's benchmark makes it exit at
            // once; the round waits its turn rather than measure beside it
            if (exit.status() == 0 || !exit.tail().contains("Unable to acquire the JMH lock")
                    || System.nanoTime() > lockDeadline) {
                break;
            }
            cancellation.checkCanceled();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException(Kind.RUN_FAILED, "interrupted while waiting for the JMH lock", e);
            }
        }
        if (exit.status() != 0 || !Files.isRegularFile(results)) {
            throw new BenchmarkException(Kind.RUN_FAILED, rule + ": JMH failed (exit " + exit.status() + "):\n" + exit.tail());
        }
        try {
            List<Run> read = JmhResults.read(results);
            if (read.size() != 1) {
                throw new BenchmarkException(Kind.RUN_FAILED, rule + " n=" + n + " " + side + ": expected one JMH result, got "
                        + read.size());
            }
            JSON.readTree(results.toFile()).forEach(raw::add);
            Files.delete(results);
            return read.get(0);
        } catch (IOException e) {
            throw new BenchmarkException(Kind.IO, rule + ": unreadable JMH results: " + e.getMessage(), e);
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

    private static long deadline(long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }
}
