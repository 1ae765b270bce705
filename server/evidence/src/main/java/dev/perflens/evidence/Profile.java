package dev.perflens.evidence;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One imported profile: its distinct stacks, each with a weight and an event count per metric,
 * and where it came from. Identical stacks are stored once, so memory grows with the number of
 * distinct stacks, not with the size of the recording.
 */
public final class Profile {
    /** The file formats Perflens reads. */
    public enum Format { JFR, COLLAPSED }

    private final Path source;
    private final Format format;
    private final List<StackFrame> frames;
    private final int[][] stacks;
    private final long[][] weights;
    private final long[][] events;
    private final long[] totalWeights;
    private final long[] totalEvents;
    private final Instant start;
    private final Instant end;
    private final String origin;
    private final List<String> notes;

    Profile(Path source, Format format, List<StackFrame> frames, int[][] stacks, long[][] weights, long[][] events,
            Instant start, Instant end, String origin, List<String> notes) {
        this.source = source;
        this.format = format;
        this.frames = List.copyOf(frames);
        this.stacks = stacks;
        this.weights = weights;
        this.events = events;
        this.start = start;
        this.end = end;
        this.origin = origin;
        this.notes = List.copyOf(notes);
        int metrics = Metric.values().length;
        this.totalWeights = new long[metrics];
        this.totalEvents = new long[metrics];
        for (int stack = 0; stack < stacks.length; stack++) {
            for (int metric = 0; metric < metrics; metric++) {
                totalWeights[metric] += weights[stack][metric];
                totalEvents[metric] += events[stack][metric];
            }
        }
    }

    public Path source() {
        return source;
    }

    /** The file name, as messages cite the profile: "orders.jfr". */
    public String name() {
        return source.getFileName() == null ? source.toString() : source.getFileName().toString();
    }

    public Format format() {
        return format;
    }

    /** Every distinct frame; stacks refer to frames by index into this list. */
    public List<StackFrame> frames() {
        return frames;
    }

    public int stackCount() {
        return stacks.length;
    }

    /** The frame indexes of one distinct stack, innermost (leaf) frame first. */
    public int[] stack(int index) {
        return stacks[index];
    }

    /** The summed weight of one stack for a metric (samples, bytes or ns). */
    public long weight(int stack, Metric metric) {
        return weights[stack][metric.ordinal()];
    }

    /** How many events (samples) were recorded with this stack for a metric. */
    public long events(int stack, Metric metric) {
        return events[stack][metric.ordinal()];
    }

    public long totalWeight(Metric metric) {
        return totalWeights[metric.ordinal()];
    }

    public long totalEvents(Metric metric) {
        return totalEvents[metric.ordinal()];
    }

    /** Start of the recording; null when the format does not say (collapsed stacks). */
    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public Duration span() {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    /** What produced the profile, e.g. the JVM and main class of a JFR recording. */
    public String origin() {
        return origin;
    }

    /** Facts about the import a user should know (which allocation events were used, truncated stacks). */
    public List<String> notes() {
        return notes;
    }

    /** "orders.jfr: 41,200 CPU samples, 1.2 GB allocation sampled, over 60.0 s". */
    public String summary() {
        StringBuilder text = new StringBuilder(name()).append(": ");
        text.append(String.format(java.util.Locale.ROOT, "%,d CPU samples", totalEvents(Metric.CPU)));
        if (totalEvents(Metric.ALLOCATION) > 0) {
            text.append(String.format(java.util.Locale.ROOT, ", %,d allocation samples (%s)",
                    totalEvents(Metric.ALLOCATION), bytes(totalWeight(Metric.ALLOCATION))));
        }
        if (totalEvents(Metric.LOCK) > 0) {
            text.append(String.format(java.util.Locale.ROOT, ", %,d contended monitor enters (%.1f ms waiting)",
                    totalEvents(Metric.LOCK), totalWeight(Metric.LOCK) / 1e6));
        }
        Duration span = span();
        if (span != null) {
            text.append(String.format(java.util.Locale.ROOT, " over %.1f s", span.toMillis() / 1000.0));
        }
        return text.toString();
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
