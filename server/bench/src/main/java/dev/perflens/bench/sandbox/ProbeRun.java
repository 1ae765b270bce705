package dev.perflens.bench.sandbox;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.runtime.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent side of {@link Probe}: builds its command line and reads its result file into the
 * sizes that fit the time cap, the result hash per size, and notes on dropped sizes.
 */
public final class ProbeRun {
    /**
     * @param fitting   sizes at which one call took at most the cap, ascending
     * @param results   the structural hash of the result per fitting size ("unhashable" when none exists)
     * @param arguments per fitting size: "unchanged", "changed" or "unhashable"
     * @param notes     why sizes were dropped
     */
    public record Outcome(List<Integer> fitting, Map<Integer, String> results, Map<Integer, String> arguments,
                          List<String> notes) {
    }

    private ProbeRun() {
    }

    public static List<String> command(Path java, List<Path> classpath, int maxHeapMb, String harnessClass,
                                       Path resultFile, long capNanos, long hardLimitMillis, boolean adaptive,
                                       List<Integer> sizes, Path tmp) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeapMb + "m",
                "-Djava.io.tmpdir=" + tmp, "-cp", Classpaths.join(classpath), Probe.class.getName(), harnessClass,
                resultFile.toString(), Long.toString(capNanos), Long.toString(hardLimitMillis), Boolean.toString(adaptive)));
        sizes.forEach(size -> command.add(size.toString()));
        return command;
    }

    /** Reads the probe's result file; throws the user-facing error the probe reported, if any. */
    public static Outcome read(Path resultFile, ForkedJvm.Exit exit, String variant, long capNanos,
                               String packageName) throws BenchmarkException {
        List<String> lines;
        try {
            lines = Files.exists(resultFile) ? Files.readAllLines(resultFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot read the probe's result: " + e.getMessage(), e);
        }
        List<Integer> fitting = new ArrayList<>();
        Map<Integer, String> results = new LinkedHashMap<>();
        Map<Integer, String> arguments = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        boolean done = false;
        for (String line : lines) {
            String[] parts = line.split(" ", 4);
            if (line.equals("done")) {
                done = true;
            } else if (parts[0].equals("error") && parts.length >= 4 && parts[1].equals("inputs")) {
                throw new BenchmarkException(BenchmarkException.Kind.INPUTS, parts[3]);
            } else if (parts[0].equals("error") && parts.length >= 4 && parts[1].equals("threw")) {
                throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, variant + " throws with generated"
                        + " inputs at n=" + parts[2] + ": " + parts[3] + ". If the method needs inputs of a certain shape,"
                        + " supply them with a provider: a class " + dev.perflens.bench.runtime.Inputs.PROVIDER_CLASS
                        + " in " + (packageName.isEmpty() ? "the default package" : "package " + packageName)
                        + " with static methods named like the parameters, taking (int size, java.util.Random random).");
            } else if (parts[0].equals("size") && parts.length >= 4) {
                int size = Integer.parseInt(parts[1]);
                String[] rest = parts[3].split(" ");
                long nanos = Long.parseLong(rest[0]);
                switch (parts[2]) {
                    case "ok" -> {
                        fitting.add(size);
                        for (String field : rest) {
                            if (field.startsWith("result=")) {
                                results.put(size, field.substring("result=".length()));
                            } else if (field.startsWith("args=")) {
                                arguments.put(size, field.substring("args=".length()));
                            }
                        }
                    }
                    case "predicted" -> notes.add("n=" + size + " not measured: one call of " + variant
                            + " would take about " + millis(nanos) + " (extrapolated from the smaller sizes), over"
                            + " the cap of " + millis(capNanos) + " (benchmark.maxCallMillis)");
                    default -> notes.add("n=" + size + " not measured: one call of " + variant + " took "
                            + (rest.length > 1 && rest[1].equals("runaway") ? "more than " : "") + millis(nanos)
                            + ", over the cap of " + millis(capNanos) + " (benchmark.maxCallMillis)");
                }
            }
        }
        if (!done || exit.status() != 0) {
            String why = exit.tail().isBlank()
                    ? " (no error was printed: the code under test called System.exit, or the JVM crashed)" : ":\n" + exit.tail();
            throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "the probe JVM of " + variant
                    + " ended with status " + exit.status() + " before finishing" + why);
        }
        return new Outcome(fitting, results, arguments, notes);
    }

    static String millis(long nanos) {
        if (nanos >= 10_000_000_000L) {
            return Math.round(nanos / 1e9) + " s";
        }
        if (nanos >= 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return Math.round(nanos / 1e6) + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
