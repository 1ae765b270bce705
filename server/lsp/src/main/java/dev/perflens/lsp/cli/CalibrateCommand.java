package dev.perflens.lsp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.calibration.CalibrationBuilder;
import dev.perflens.bench.calibration.CalibrationRunner;
import dev.perflens.bench.calibration.CalibrationRunner.Mode;
import dev.perflens.bench.calibration.CalibrationSummary;
import dev.perflens.bench.sandbox.ForkedJvm;
import dev.perflens.engine.Cancellation;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code perflens calibrate}: runs the calibration pairs (one JMH pair per rule, from
 * benchmarks.jar) on this JDK and machine, writes {@code <workspace>/.perflens/calibration.json}
 * (which takes precedence over the shipped calibration, rule by rule), prints the table and names
 * the rules whose advice does not pay off here.
 */
public final class CalibrateCommand {
    static final String USAGE = "usage: perflens calibrate [--mode quick|full|smoke] [--rules ID,ID,...]"
            + " [--workspace DIR] [--benchmarks-jar PATH] [--out FILE] [--command TEXT] [--rounds FILE]"
            + " [--continue ROUNDS]  (perflens calibrate --help)";

    static final String HELP = """
            usage: perflens calibrate [options]

            Runs the rules' calibration pairs (JMH, the anti-pattern before and the fix after) on this JDK
            and machine, writes WORKSPACE/.perflens/calibration.json (used instead of the shipped
            calibration) and names the rules whose advice does not pay off here and those left undecided.
            Progress on stderr: one line per size with its speed-up, interval, verdict and pairs.

            options:
              --mode quick|full|smoke    quick (default, a few minutes), full (15-25 minutes on two cores),
                                         or smoke (one size per rule, intervals too wide to trust: for tests)
              --rules ID,ID,...          only these rules
              --workspace DIR            where .perflens/ goes (default: the current folder)
              --benchmarks-jar PATH      the pairs (default: next to the perflens jar, or built in the
                                         Perflens checkout's fixtures/calibration)
              --out FILE                 write there instead
              --command TEXT             how to reproduce this run, stored in the file's provenance
              --rounds FILE              keep every round's JMH result there
              --continue ROUNDS          go on from an earlier run's rounds file (and the --out file it
                                         wrote): its decided rules stay, its undecided sizes get more pairs
              -h, --help                 print this help

            exit status: 0 written, 2 usage error or a pair that failed
            """;
    private static final String JAR = "benchmarks.jar";
    private static final Path MODULE = Path.of("fixtures", "calibration");

    private final PrintStream out;
    private final PrintStream err;

    public CalibrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    record Options(Mode mode, List<String> rules, Path workspace, Path benchmarksJar, Path output, String command,
                   Path rounds, Path earlierRounds) {
    }

    public int run(String[] args) {
        if (Help.asked(args)) {
            out.print(HELP);
            return 0;
        }
        Options options;
        try {
            options = parse(args);
        } catch (CheckCommand.UsageException | IllegalArgumentException e) {
            err.println("perflens calibrate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            Path jar = options.benchmarksJar() != null ? options.benchmarksJar() : locateOrBuildJar();
            err.println("perflens calibrate: " + options.mode().id() + " mode (" + options.mode().describe()
                    + "), pairs from " + jar);
            long started = System.nanoTime();
            ObjectNode calibration = CalibrationRunner.run(new CalibrationRunner.Request(jar,
                    ForkedJvm.javaExecutable(), options.mode(), options.rules(), options.command(), options.rounds(),
                    options.earlierRounds(), options.earlierRounds() == null ? Map.of() : earlierStops(options.output())),
                    err::println, Cancellation.NONE);
            CalibrationBuilder.writeAtomically(calibration, options.output());
            out.print(CalibrationSummary.table(calibration));
            out.print(CalibrationSummary.notPayingOffText(calibration));
            out.println("written: " + options.output() + " (wall time "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s)");
            return 0;
        } catch (BenchmarkException e) {
            err.println("perflens calibrate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("perflens calibrate: cannot write " + options.output() + ": " + e.getMessage());
            return 2;
        }
    }

    /** Why each size of the earlier calibration (the --out file being continued) stopped, when it says. */
    static Map<String, CalibrationRunner.Stop> earlierStops(Path calibration) {
        Map<String, CalibrationRunner.Stop> stops = new java.util.LinkedHashMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(calibration.toFile());
            root.path("rules").fields().forEachRemaining(rule -> rule.getValue().path("sizes").forEach(size -> {
                for (CalibrationRunner.Stop stop : CalibrationRunner.Stop.values()) {
                    if (stop.label().equals(size.path("stoppedBy").asText())) {
                        stops.put(CalibrationBuilder.key(rule.getKey(), size.path("n").asLong()), stop);
                    }
                }
            }));
        } catch (IOException e) {
            return Map.of();
        }
        return stops;
    }

    static Options parse(String[] args) throws CheckCommand.UsageException {
        Mode mode = Mode.QUICK;
        List<String> rules = new ArrayList<>();
        Path workspace = Path.of("").toAbsolutePath();
        Path jar = null;
        Path output = null;
        String command = null;
        Path rounds = null;
        Path earlierRounds = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--mode" -> mode = Mode.parse(CheckCommand.value(args, ++i, arg));
                case "--rules" -> Arrays.stream(CheckCommand.value(args, ++i, arg).split(","))
                        .map(String::trim).filter(rule -> !rule.isEmpty()).forEach(rules::add);
                case "--workspace" -> workspace = Path.of(CheckCommand.value(args, ++i, arg)).toAbsolutePath();
                case "--benchmarks-jar" -> jar = Path.of(CheckCommand.value(args, ++i, arg)).toAbsolutePath();
                case "--out" -> output = Path.of(CheckCommand.value(args, ++i, arg)).toAbsolutePath();
                case "--command" -> command = CheckCommand.value(args, ++i, arg);
                case "--rounds" -> rounds = Path.of(CheckCommand.value(args, ++i, arg)).toAbsolutePath();
                case "--continue" -> earlierRounds = Path.of(CheckCommand.value(args, ++i, arg)).toAbsolutePath();
                default -> throw new CheckCommand.UsageException("unknown option " + arg);
            }
        }
        if (!Files.isDirectory(workspace)) {
            throw new CheckCommand.UsageException("no such folder: " + workspace);
        }
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new CheckCommand.UsageException("no benchmarks jar at " + jar);
        }
        if (output == null) {
            output = workspace.resolve(".perflens").resolve("calibration.json");
        }
        if (command == null) {
            command = ("perflens calibrate " + String.join(" ", args)).trim();
        }
        if (earlierRounds != null && !Files.isRegularFile(earlierRounds)) {
            throw new CheckCommand.UsageException("no rounds file at " + earlierRounds);
        }
        return new Options(mode, List.copyOf(rules), workspace, jar, output, command, rounds, earlierRounds);
    }

    /**
     * benchmarks.jar next to the perflens jar, or in the Perflens checkout the perflens jar (or the
     * current folder) sits in, built there on demand (when missing or older than the pairs' sources)
     * like {@code bin/perflens} builds the server.
     */
    Path locateOrBuildJar() throws BenchmarkException {
        List<Path> starts = new ArrayList<>();
        Path code = codeLocation();
        if (code != null) {
            if (Files.isRegularFile(code) && Files.isRegularFile(code.resolveSibling(JAR))) {
                return code.resolveSibling(JAR);
            }
            starts.add(code);
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path module = dir.resolve(MODULE);
                if (Files.isRegularFile(module.resolve("pom.xml"))) {
                    Path jar = module.resolve("target").resolve(JAR);
                    if (!Files.isRegularFile(jar) || olderThanSources(jar, module)) {
                        build(module);
                    }
                    return jar;
                }
            }
        }
        throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot find " + JAR + " (next to the perflens jar or"
                + " in a Perflens checkout's " + MODULE + "/target); give it with --benchmarks-jar PATH");
    }

    /** A jar built before the pairs last changed would measure old code (or lack a new pair). */
    private static boolean olderThanSources(Path jar, Path module) throws BenchmarkException {
        try (var files = Files.walk(module.resolve("src"))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            List<Path> sources = files.filter(Files::isRegularFile).toList();
            for (Path source : sources) {
                if (Files.getLastModifiedTime(source).toMillis() > built) {
                    return true;
                }
            }
            return Files.getLastModifiedTime(module.resolve("pom.xml")).toMillis() > built;
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot read " + module + ": " + e.getMessage(), e);
        }
    }

    private static Path codeLocation() {
        try {
            return Path.of(CalibrateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return null;
        }
    }

    /** {@code mvn -o -q package} in the calibration module (package, never install), online if offline fails. */
    private void build(Path module) throws BenchmarkException {
        Path pom = module.resolve("pom.xml");
        err.println("perflens calibrate: building " + module.resolve("target").resolve(JAR) + " ...");
        ForkedJvm.Exit exit = null;
        try {
            Path work = Files.createTempDirectory("perflens-calibration-build-");
            for (List<String> command : List.of(List.of("mvn", "-B", "-q", "-o", "package", "-f", pom.toString()),
                    List.of("mvn", "-B", "-q", "package", "-f", pom.toString()))) {
                exit = ForkedJvm.run(command, work, "mvn", System.nanoTime() + TimeUnit.MINUTES.toNanos(15),
                        Cancellation.NONE, null, "building " + JAR + " took longer than 15 minutes");
                if (exit.status() == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot build " + JAR + ": " + e.getMessage(), e);
        }
        throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "building " + JAR + " with Maven failed; run "
                + "mvn -o -q package -f " + pom + "\n" + exit.tail());
    }
}
