package dev.perflens.evidence;

import dev.perflens.evidence.source.Declaration;
import dev.perflens.evidence.source.SourcePoint;
import dev.perflens.evidence.source.WorkspaceSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loaded profiles mapped onto the workspace: per method and per source line, self and total
 * weight of every metric. A frame that maps to no workspace source (JDK, libraries, native
 * code, generated classes) gives its self weight to the nearest workspace frame below it
 * on the stack: time in {@code ArrayList.indexOf} called from {@code OrderMatcher.match}
 * ranks {@code match}. Stacks without any workspace frame count in the totals only.
 *
 * <p>Immutable once built; cheap to query. Line ranges are answered from the stacks that touch
 * the file, so a loop's share counts each stack once even when several of its lines are on it.
 */
public final class HotnessIndex {
    private static final int METRICS = Metric.values().length;

    /** What one stack contributes to one file: the distinct lines it touches there. */
    private record StackTouch(int[] lines, long[] weights, long[] events) {
    }

    private static final class MethodAccumulator {
        final Declaration declaration;
        final Weights weights = new Weights();
        final Map<Integer, long[]> selfByLine = new HashMap<>();

        MethodAccumulator(Declaration declaration) {
            this.declaration = declaration;
        }
    }

    private static final class FileAccumulator {
        final Map<String, MethodAccumulator> methods = new LinkedHashMap<>();
        final TreeMap<Integer, Weights> lines = new TreeMap<>();
        final List<StackTouch> stacks = new ArrayList<>();
    }

    private final List<Profile> profiles;
    private final Totals totals;
    private final Map<Path, FileAccumulator> files;
    private final Map<Path, Map<String, MethodHotness>> methods;
    private final long[] unattributed;

    private HotnessIndex(List<Profile> profiles, Map<Path, FileAccumulator> files, long[] unattributed) {
        this.profiles = List.copyOf(profiles);
        this.totals = new Totals(profiles);
        this.files = files;
        this.unattributed = unattributed;
        this.methods = new HashMap<>();
        files.forEach((file, accumulator) -> {
            Map<String, MethodHotness> byKey = new LinkedHashMap<>();
            accumulator.methods.forEach((key, method) ->
                    byKey.put(key, new MethodHotness(file, method.declaration, method.weights, hottestLine(method), totals)));
            methods.put(file, byKey);
        });
    }

    /** An index without profiles: every query answers "no samples". */
    public static HotnessIndex empty() {
        return new HotnessIndex(List.of(), Map.of(), new long[METRICS]);
    }

    /** Maps every frame of {@code profiles} onto {@code sources} and sums the weights. */
    public static HotnessIndex build(List<Profile> profiles, WorkspaceSources sources) {
        Map<StackFrame, Optional<SourcePoint>> resolved = new HashMap<>();
        Map<Path, FileAccumulator> files = new HashMap<>();
        long[] unattributed = new long[METRICS];
        Set<String> seenMethods = new HashSet<>();
        Map<Path, Set<Integer>> seenLines = new HashMap<>();
        for (Profile profile : profiles) {
            List<StackFrame> frames = profile.frames();
            SourcePoint[] points = new SourcePoint[frames.size()];
            for (int i = 0; i < points.length; i++) {
                points[i] = resolved.computeIfAbsent(frames.get(i), sources::resolve).orElse(null);
            }
            for (int stack = 0; stack < profile.stackCount(); stack++) {
                long[] weights = new long[METRICS];
                long[] events = new long[METRICS];
                boolean any = false;
                for (Metric metric : Metric.values()) {
                    weights[metric.ordinal()] = profile.weight(stack, metric);
                    events[metric.ordinal()] = profile.events(stack, metric);
                    any |= events[metric.ordinal()] > 0 || weights[metric.ordinal()] > 0;
                }
                if (!any) {
                    continue;
                }
                int[] stackFrames = profile.stack(stack);
                SourcePoint attributed = nearestWorkspaceFrame(stackFrames, points);
                if (attributed == null) {
                    for (int i = 0; i < METRICS; i++) {
                        unattributed[i] += weights[i];
                    }
                    continue;
                }
                FileAccumulator topFile = files.computeIfAbsent(attributed.file(), f -> new FileAccumulator());
                MethodAccumulator topMethod = topFile.methods.computeIfAbsent(attributed.declaration().key(),
                        k -> new MethodAccumulator(attributed.declaration()));
                topMethod.weights.addSelf(weights, events);
                long[] lineSelf = topMethod.selfByLine.computeIfAbsent(attributed.line(), l -> new long[METRICS]);
                for (int i = 0; i < METRICS; i++) {
                    lineSelf[i] += weights[i];
                }
                topFile.lines.computeIfAbsent(attributed.line(), l -> new Weights()).addSelf(weights, events);

                seenMethods.clear();
                seenLines.clear();
                for (int frame : stackFrames) {
                    SourcePoint point = points[frame];
                    if (point == null) {
                        continue;
                    }
                    FileAccumulator file = files.computeIfAbsent(point.file(), f -> new FileAccumulator());
                    if (seenMethods.add(point.file() + "|" + point.declaration().key())) {
                        file.methods.computeIfAbsent(point.declaration().key(),
                                k -> new MethodAccumulator(point.declaration())).weights.addTotal(weights, events);
                    }
                    if (seenLines.computeIfAbsent(point.file(), f -> new HashSet<>()).add(point.line())) {
                        file.lines.computeIfAbsent(point.line(), l -> new Weights()).addTotal(weights, events);
                    }
                }
                seenLines.forEach((path, lines) -> files.get(path).stacks.add(new StackTouch(
                        lines.stream().mapToInt(Integer::intValue).sorted().toArray(), weights, events)));
            }
        }
        return new HotnessIndex(profiles, files, unattributed);
    }

    /** The innermost frame that maps to the workspace: it gets the self weight of the frames above it. */
    private static SourcePoint nearestWorkspaceFrame(int[] stackFrames, SourcePoint[] points) {
        for (int frame : stackFrames) {
            if (points[frame] != null) {
                return points[frame];
            }
        }
        return null;
    }

    private static int hottestLine(MethodAccumulator method) {
        Comparator<Map.Entry<Integer, long[]>> byCpu = Comparator.comparingLong(e -> e.getValue()[Metric.CPU.ordinal()]);
        Comparator<Map.Entry<Integer, long[]>> byAny = byCpu.thenComparingLong(e -> {
            long sum = 0;
            for (long value : e.getValue()) {
                sum += value;
            }
            return sum;
        });
        return method.selfByLine.entrySet().stream().max(byAny).map(Map.Entry::getKey).orElse(0);
    }

    public List<Profile> profiles() {
        return profiles;
    }

    public boolean isEmpty() {
        return profiles.isEmpty();
    }

    /** "orders.jfr" or "orders.jfr, alloc.collapsed": how messages cite the source of their numbers. */
    public String profileNames() {
        return profiles.stream().map(Profile::name).collect(Collectors.joining(", "));
    }

    public Totals totals() {
        return totals;
    }

    /** {@code weight} as a share (0..1) of all of the metric's weight in the loaded profiles. */
    public double share(Metric metric, long weight) {
        return totals.share(metric, weight);
    }

    /** Weight of stacks that have no workspace frame at all (JVM threads, pure library work). */
    public long unattributedWeight(Metric metric) {
        return unattributed[metric.ordinal()];
    }

    /** Whether the profiles have any sample in this file: then a method without samples there really was cold. */
    public boolean covers(Path file) {
        return files.containsKey(normalize(file));
    }

    public Optional<MethodHotness> method(Path file, String declarationKey) {
        return Optional.ofNullable(methods.getOrDefault(normalize(file), Map.of()).get(declarationKey));
    }

    /** Every method of the file that has samples, in the order they were first seen. */
    public List<MethodHotness> methods(Path file) {
        return List.copyOf(methods.getOrDefault(normalize(file), Map.of()).values());
    }

    /** Per line (1-based) of the file: self and total weights. */
    public SortedMap<Integer, Weights> lines(Path file) {
        FileAccumulator accumulator = files.get(normalize(file));
        return accumulator == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(accumulator.lines);
    }

    /**
     * Weights of the lines {@code fromLine..toLine} (1-based, inclusive) of a file: total counts
     * each stack that touches any of them once; self sums the lines' self weight.
     */
    public Weights lines(Path file, int fromLine, int toLine) {
        FileAccumulator accumulator = files.get(normalize(file));
        if (accumulator == null) {
            return Weights.NONE;
        }
        Weights result = new Weights();
        for (Weights line : accumulator.lines.subMap(fromLine, true, toLine, true).values()) {
            result.addSelf(selfWeights(line), selfEvents(line));
        }
        for (StackTouch stack : accumulator.stacks) {
            for (int line : stack.lines()) {
                if (line >= fromLine && line <= toLine) {
                    result.addTotal(stack.weights(), stack.events());
                    break;
                }
                if (line > toLine) {
                    break;
                }
            }
        }
        return result;
    }

    /** The methods with the most self weight of {@code metric}, heaviest first. */
    public List<MethodHotness> hotspots(Metric metric, int limit) {
        return methods.values().stream().flatMap(byKey -> byKey.values().stream())
                .filter(method -> method.weights().selfWeight(metric) > 0 || method.weights().totalWeight(metric) > 0)
                .sorted(Comparator.comparingLong((MethodHotness m) -> m.weights().selfWeight(metric)).reversed()
                        .thenComparing(Comparator.comparingLong((MethodHotness m) -> m.weights().totalWeight(metric)).reversed())
                        .thenComparing(m -> m.file().toString())
                        .thenComparingInt(m -> m.declaration().startLine()))
                .limit(Math.max(0, limit))
                .toList();
    }

    private static long[] selfWeights(Weights weights) {
        long[] values = new long[METRICS];
        for (Metric metric : Metric.values()) {
            values[metric.ordinal()] = weights.selfWeight(metric);
        }
        return values;
    }

    private static long[] selfEvents(Weights weights) {
        long[] values = new long[METRICS];
        for (Metric metric : Metric.values()) {
            values[metric.ordinal()] = weights.selfEvents(metric);
        }
        return values;
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
