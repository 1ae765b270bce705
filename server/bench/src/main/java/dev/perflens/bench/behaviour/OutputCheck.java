package dev.perflens.bench.behaviour;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.runtime.BehaviourProbe;
import dev.perflens.bench.sandbox.Classpaths;
import dev.perflens.bench.sandbox.ForkedJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent side of {@link BehaviourProbe}: the command line of one variant's run, the reading
 * of its result file, and the comparison of the two variants input by input.
 */
public final class OutputCheck {
    private OutputCheck() {
    }

    /** What one variant did on one input, as the probe wrote it. */
    public record Call(String id, String outcome, String resultHash, String stateHash, boolean stable, String input,
                       String result, String state) {
        boolean returned() {
            return outcome.equals("returned");
        }

        boolean threw() {
            return outcome.startsWith("threw ");
        }
    }

    public static List<String> command(Path java, List<Path> classpath, int maxHeapMb, String harnessClass,
                                       Path resultFile, long hardLimitMillis, boolean repeat, List<Integer> sizes,
                                       Path tmp) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeapMb + "m",
                "-Djava.io.tmpdir=" + tmp, "-cp", Classpaths.join(classpath), BehaviourProbe.class.getName(),
                harnessClass, resultFile.toString(), Long.toString(hardLimitMillis), Boolean.toString(repeat)));
        sizes.forEach(size -> command.add(size.toString()));
        return command;
    }

    /** The calls in the result file, by input id, in order; a JVM that ended early gives the calls it finished. */
    public static Map<String, Call> read(Path resultFile, ForkedJvm.Exit exit, String variant)
            throws BenchmarkException {
        List<String> lines;
        try {
            lines = Files.exists(resultFile) ? Files.readAllLines(resultFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot read the behaviour check's result: "
                    + e.getMessage(), e);
        }
        Map<String, Call> calls = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length >= 9 && f[0].equals("case")) {
                calls.put(f[1], new Call(f[1], f[2], f[3], f[4], f[5].equals("yes"), f[6], f[7], f[8]));
            }
        }
        if (calls.isEmpty() && exit.status() != 0) {
            throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "the behaviour check of " + variant
                    + " ended with status " + exit.status() + " before its first input:\n" + exit.tail());
        }
        return calls;
    }

    /** The two variants' calls compared: how many inputs, how many differ, the first that does. */
    public static Behaviour.Outputs compare(Map<String, Call> original, Map<String, Call> fixed) {
        int compared = 0;
        int differing = 0;
        int unstable = 0;
        int uncompared = 0;
        Behaviour.Example example = null;
        for (Call a : original.values()) {
            Call b = fixed.get(a.id());
            if (a.outcome().equals("skipped") || a.outcome().equals("timeout") && b == null) {
                uncompared++;
                continue;
            }
            if (!a.stable()) {
                unstable++;
                continue;
            }
            String what = null;
            if (b == null) {
                uncompared++; // the fixed variant's run stopped before it (a runaway call, reported on its own input)
                continue;
            } else if (b.outcome().equals("timeout") || a.outcome().equals("timeout")) {
                what = "the call's outcome";
            } else if (a.threw() || b.threw()) {
                if (!a.outcome().equals(b.outcome())) {
                    what = a.threw() && b.threw() ? "the exception thrown" : "the call's outcome";
                }
            } else if (hashable(a.resultHash()) && hashable(b.resultHash())) {
                if (!a.resultHash().equals(b.resultHash())) {
                    what = "the result";
                }
            } else if (!(hashable(a.stateHash()) && hashable(b.stateHash()))) {
                uncompared++; // neither the result nor the state after the call can be compared
                continue;
            }
            if (what == null && hashable(a.stateHash()) && hashable(b.stateHash())
                    && !a.stateHash().equals(b.stateHash())) {
                what = "the arguments' state after the call";
            }
            compared++;
            if (what != null) {
                differing++;
                if (example == null) {
                    boolean state = what.startsWith("the arguments");
                    example = new Behaviour.Example(a.id() + " (" + a.input() + ")", what,
                            state ? a.state() : a.result(), state ? b.state() : b.result());
                }
            }
        }
        return new Behaviour.Outputs(compared, differing, unstable, uncompared, example);
    }

    private static boolean hashable(String hash) {
        return !hash.isEmpty() && !hash.equals(dev.perflens.bench.runtime.DeepHash.UNHASHABLE);
    }
}
