package dev.perflens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a benchmark runs. Two presets: {@code quick} (the default, about a minute on a small
 * method) and {@code thorough} (longer iterations and more forks). Any field can be set in the
 * {@code benchmark} object of {@code .perflens.json} and in the command's arguments; later
 * layers win ({@link #resolve}).
 *
 * @param mode                  "quick" or "thorough": the preset the other values start from
 * @param forks                 forked JVMs per variant; variants alternate A B, B A, ... across them
 * @param warmupIterations      JMH warm-up iterations per size and fork
 * @param warmupMillis          length of one warm-up iteration
 * @param measurementIterations JMH measurement iterations per size and fork
 * @param iterationMillis       length of one measurement iteration
 * @param sizes                 the input sizes ({@code @Param}); larger ones are dropped when a call takes longer than maxCallMillis
 * @param maxCallMillis         the longest one call of either variant may take at a size for that size to be measured
 * @param maxHeapMb             -Xmx of every forked JVM
 * @param timeoutSeconds        wall-clock limit of the whole benchmark; forked JVMs are killed when it is reached
 * @param profileGc             run JMH's gc profiler (allocation per operation)
 * @param regressionThreshold   relative slow-down that counts as a regression against a baseline (0.10 = 10%)
 * @param classpath             extra class path entries of the project (jars or class folders, relative to the project root; a trailing '*' takes every jar in a folder)
 */
public record BenchSettings(String mode, int forks, int warmupIterations, int warmupMillis, int measurementIterations,
                            int iterationMillis, List<Integer> sizes, int maxCallMillis, int maxHeapMb,
                            int timeoutSeconds, boolean profileGc, double regressionThreshold,
                            List<String> classpath) {
    public static final String QUICK = "quick";
    public static final String THOROUGH = "thorough";
    public static final List<Integer> DEFAULT_SIZES = List.of(10, 1000, 100000);

    public BenchSettings {
        sizes = List.copyOf(sizes);
        classpath = List.copyOf(classpath);
    }

    public static BenchSettings quick() {
        return new BenchSettings(QUICK, 2, 3, 100, 10, 100, DEFAULT_SIZES, 25, 512, 240, true, 0.10, List.of());
    }

    public static BenchSettings thorough() {
        return new BenchSettings(THOROUGH, 5, 5, 500, 10, 500, DEFAULT_SIZES, 125, 1024, 1800, true, 0.10, List.of());
    }

    /** Settings from partial layers (policy file, then command arguments): the last that sets a value wins. */
    public static BenchSettings resolve(Overrides... layers) {
        String mode = QUICK;
        for (Overrides layer : layers) {
            if (layer != null && layer.mode() != null) {
                mode = layer.mode();
            }
        }
        BenchSettings settings = THOROUGH.equals(mode) ? thorough() : quick();
        boolean callCapSet = false;
        for (Overrides layer : layers) {
            if (layer != null) {
                settings = layer.applyTo(settings);
                callCapSet |= layer.maxCallMillis() != null;
            }
        }
        if (!callCapSet) {
            settings = settings.withMaxCallMillis(Math.max(5, settings.iterationMillis() / 4));
        }
        return settings;
    }

    private BenchSettings withMaxCallMillis(int millis) {
        return new BenchSettings(mode, forks, warmupIterations, warmupMillis, measurementIterations, iterationMillis,
                sizes, millis, maxHeapMb, timeoutSeconds, profileGc, regressionThreshold, classpath);
    }

    /** A short description for reports: "quick: 2 forks x 8 x 100 ms (warm-up 3 x 100 ms)". */
    public String describe() {
        return mode + ": " + forks + " fork" + (forks == 1 ? "" : "s") + " per variant x " + measurementIterations
                + " x " + iterationMillis + " ms (warm-up " + warmupIterations + " x " + warmupMillis + " ms), -Xmx"
                + maxHeapMb + "m";
    }

    /**
     * Partial settings: null means "not set here". Values out of range are reported by
     * {@link #problems()} and ignored by {@link #applyTo}.
     */
    public record Overrides(String mode, Integer forks, Integer warmupIterations, Integer warmupMillis,
                            Integer measurementIterations, Integer iterationMillis, List<Integer> sizes,
                            Integer maxCallMillis, Integer maxHeapMb, Integer timeoutSeconds, Boolean profileGc,
                            Double regressionThreshold, List<String> classpath) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null, null,
                null, null, null);

        /** The keys of the {@code benchmark} object in .perflens.json, as the fields are named. */
        public static final List<String> KEYS = List.of("mode", "forks", "warmupIterations", "warmupMillis",
                "measurementIterations", "iterationMillis", "sizes", "maxCallMillis", "maxHeapMb", "timeoutSeconds",
                "profileGc", "regressionThreshold", "classpath");

        public static Overrides mode(String mode) {
            return new Overrides(mode, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** What is wrong with the values; each wrong value is ignored. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (mode != null && !mode.equals(QUICK) && !mode.equals(THOROUGH)) {
                problems.add("mode must be \"quick\" or \"thorough\", not \"" + mode + "\"");
            }
            check(problems, "forks", forks, 1, 50);
            check(problems, "warmupIterations", warmupIterations, 0, 200);
            check(problems, "warmupMillis", warmupMillis, 10, 60_000);
            check(problems, "measurementIterations", measurementIterations, 2, 500);
            check(problems, "iterationMillis", iterationMillis, 10, 60_000);
            check(problems, "maxCallMillis", maxCallMillis, 1, 600_000);
            check(problems, "maxHeapMb", maxHeapMb, 64, 65_536);
            check(problems, "timeoutSeconds", timeoutSeconds, 5, 86_400);
            if (sizes != null && (sizes.isEmpty() || sizes.stream().anyMatch(s -> s == null || s < 0 || s > 100_000_000))) {
                problems.add("sizes must be a non-empty list of whole numbers from 0 to 100000000");
            }
            if (regressionThreshold != null && !(regressionThreshold >= 0 && regressionThreshold <= 10)) {
                problems.add("regressionThreshold must be a fraction from 0 to 10 (0.1 = 10%)");
            }
            return problems;
        }

        private static void check(List<String> problems, String name, Integer value, int min, int max) {
            if (value != null && (value < min || value > max)) {
                problems.add(name + " must be from " + min + " to " + max + ", not " + value);
            }
        }

        BenchSettings applyTo(BenchSettings s) {
            List<String> wrong = problems();
            return new BenchSettings(
                    mode != null && !wrong.stream().anyMatch(p -> p.startsWith("mode")) ? mode.toLowerCase(Locale.ROOT) : s.mode(),
                    pick(forks, s.forks(), wrong, "forks"),
                    pick(warmupIterations, s.warmupIterations(), wrong, "warmupIterations"),
                    pick(warmupMillis, s.warmupMillis(), wrong, "warmupMillis"),
                    pick(measurementIterations, s.measurementIterations(), wrong, "measurementIterations"),
                    pick(iterationMillis, s.iterationMillis(), wrong, "iterationMillis"),
                    sizes != null && wrong.stream().noneMatch(p -> p.startsWith("sizes"))
                            ? sizes.stream().distinct().sorted().toList() : s.sizes(),
                    pick(maxCallMillis, s.maxCallMillis(), wrong, "maxCallMillis"),
                    pick(maxHeapMb, s.maxHeapMb(), wrong, "maxHeapMb"),
                    pick(timeoutSeconds, s.timeoutSeconds(), wrong, "timeoutSeconds"),
                    profileGc != null ? profileGc : s.profileGc(),
                    regressionThreshold != null && wrong.stream().noneMatch(p -> p.startsWith("regressionThreshold"))
                            ? regressionThreshold : s.regressionThreshold(),
                    classpath != null ? classpath : s.classpath());
        }

        private static int pick(Integer value, int fallback, List<String> wrong, String name) {
            return value != null && wrong.stream().noneMatch(p -> p.startsWith(name + " ")) ? value : fallback;
        }
    }
}
