package dev.perflens.evidence.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans of one or more trace files, by trace, and what they show: N+1 queries (at least
 * {@link #REPEATS} database spans with the same statement shape under one parent span), chatty
 * HTTP calls (the same call repeated as often under one parent), and the slowest spans of code
 * (spans that carry {@code code.*} attributes). A span without code attributes (a JDBC or HTTP
 * client span) is attributed to its nearest ancestor that has them.
 */
public final class TraceSet {
    /** How many identical calls under one parent make a repetition worth reporting. */
    public static final int REPEATS = 5;

    private final Map<String, Map<Long, Span>> traces = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private long spans;

    /** Reads {@code file} into this set; malformed lines become {@link #problems()}. */
    public void load(Path file) throws TraceLoadException {
        OtlpJsonReader.Result result = OtlpJsonReader.read(file, this::add);
        problems.addAll(result.problems());
        files.add(file);
    }

    public void add(Span span) {
        traces.computeIfAbsent(span.traceId(), id -> new HashMap<>()).put(span.spanId(), span);
        spans++;
    }

    public long spanCount() {
        return spans;
    }

    public int traceCount() {
        return traces.size();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<Path> files() {
        return List.copyOf(files);
    }

    /**
     * A repetition found in the traces: the same statement (or HTTP call) many times under one
     * parent span, with the code the parent stands for.
     *
     * @param function       the method the repetition happens in (the parent's nearest code attributes), or null
     * @param file           its source file as the span says ({@code code.file.path}), or null
     * @param line           its line as the span says, or 0
     * @param call           the statement shape (N+1) or "METHOD url" (chatty HTTP)
     * @param system         the database system ({@code db.system.name}), or "http"
     * @param parentName     the parent span's name (most often seen)
     * @param traces         how many traces show it
     * @param medianCalls    calls per parent span, median over the occurrences
     * @param maxCalls       calls per parent span, the most seen
     * @param medianMillis   time in those calls per parent span, median, milliseconds
     * @param medianShare    that time as a share of the parent span's duration, median (0..1)
     */
    public record Repetition(String function, String file, int line, String call, String system, String parentName,
                             int traces, int medianCalls, int maxCalls, double medianMillis, double medianShare) {
    }

    /** N+1 queries, most calls first. */
    public List<Repetition> nPlusOneQueries() {
        return repetitions(true);
    }

    /** The same HTTP client call repeated under one parent, most calls first. */
    public List<Repetition> chattyHttpCalls() {
        return repetitions(false);
    }

    private List<Repetition> repetitions(boolean database) {
        record Occurrence(String traceId, Span parent, int calls, long nanos) {
        }
        Map<List<String>, List<Occurrence>> byPlace = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Long, Span>> trace : traces.entrySet()) {
            Map<Long, Span> spansOfTrace = trace.getValue();
            Map<List<Object>, long[]> groups = new HashMap<>(); // (parent, call) -> {count, nanos}
            for (Span span : spansOfTrace.values()) {
                String call = database ? (span.isDatabaseCall() ? span.dbStatement() : null) : span.httpCall();
                if (call == null || span.parentId() == 0) {
                    continue;
                }
                long[] group = groups.computeIfAbsent(List.of(span.parentId(), call, database ? span.dbSystem() : "http"),
                        k -> new long[2]);
                group[0]++;
                group[1] += span.durationNanos();
            }
            for (Map.Entry<List<Object>, long[]> group : groups.entrySet()) {
                if (group.getValue()[0] < REPEATS) {
                    continue;
                }
                Span parent = spansOfTrace.get((Long) group.getKey().get(0));
                if (parent == null) {
                    continue; // the parent span is not in the file
                }
                Span code = withCode(parent, spansOfTrace);
                List<String> place = java.util.Arrays.asList(code == null ? null : code.function(),
                        (String) group.getKey().get(1), (String) group.getKey().get(2));
                byPlace.computeIfAbsent(place, k -> new ArrayList<>())
                        .add(new Occurrence(trace.getKey(), parent, (int) group.getValue()[0], group.getValue()[1]));
            }
        }
        List<Repetition> found = new ArrayList<>();
        for (Map.Entry<List<String>, List<Occurrence>> place : byPlace.entrySet()) {
            List<Occurrence> occurrences = place.getValue();
            Span example = withCode(occurrences.get(0).parent(), traces.get(occurrences.get(0).traceId()));
            Map<String, Integer> names = new HashMap<>();
            occurrences.forEach(o -> names.merge(o.parent().name(), 1, Integer::sum));
            String parentName = names.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            found.add(new Repetition(place.getKey().get(0), example == null ? null : example.file(),
                    example == null ? 0 : example.line(), place.getKey().get(1), place.getKey().get(2), parentName,
                    (int) occurrences.stream().map(Occurrence::traceId).distinct().count(),
                    (int) median(occurrences.stream().mapToDouble(Occurrence::calls).toArray()),
                    occurrences.stream().mapToInt(Occurrence::calls).max().orElse(0),
                    median(occurrences.stream().mapToDouble(o -> o.nanos() / 1e6).toArray()),
                    median(occurrences.stream().mapToDouble(o -> o.parent().durationNanos() == 0 ? 0
                            : Math.min(1.0, (double) o.nanos() / o.parent().durationNanos())).toArray())));
        }
        found.sort(Comparator.comparingInt(Repetition::medianCalls).reversed()
                .thenComparing(Comparator.comparingInt(Repetition::traces).reversed()));
        return found;
    }

    /** The span itself or its nearest ancestor with code attributes, or null. */
    private static Span withCode(Span span, Map<Long, Span> trace) {
        Span s = span;
        for (int depth = 0; s != null && depth < 256; depth++) {
            if (s.function() != null) {
                return s;
            }
            s = s.parentId() == 0 ? null : trace.get(s.parentId());
        }
        return null;
    }

    /** The time spent in a method's spans: count, median and 95th percentile. */
    public record MethodTiming(String function, String file, int line, int count, double p50Millis, double p95Millis) {
    }

    /** Spans with code attributes, by method, slowest 95th percentile first. */
    public List<MethodTiming> slowestMethods() {
        Map<String, List<Span>> byFunction = new HashMap<>();
        for (Map<Long, Span> trace : traces.values()) {
            for (Span span : trace.values()) {
                if (span.function() != null) {
                    byFunction.computeIfAbsent(span.function(), k -> new ArrayList<>()).add(span);
                }
            }
        }
        List<MethodTiming> timings = new ArrayList<>();
        for (Map.Entry<String, List<Span>> entry : byFunction.entrySet()) {
            double[] millis = entry.getValue().stream().mapToDouble(s -> s.durationNanos() / 1e6).sorted().toArray();
            Span any = entry.getValue().get(0);
            timings.add(new MethodTiming(entry.getKey(), any.file(), any.line(), millis.length, quantile(millis, 0.5),
                    quantile(millis, 0.95)));
        }
        timings.sort(Comparator.comparingDouble(MethodTiming::p95Millis).reversed());
        return timings;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
