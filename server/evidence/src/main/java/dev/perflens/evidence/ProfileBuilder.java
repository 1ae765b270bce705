package dev.perflens.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects stacks while a profile streams in: frames and stacks are interned, so a stack seen a
 * million times costs one entry and a counter.
 */
final class ProfileBuilder {
    private static final int METRICS = Metric.values().length;

    private record StackKey(int[] frames, int hash) {
        StackKey(int[] frames) {
            this(frames, Arrays.hashCode(frames));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StackKey other && other.hash == hash && Arrays.equals(other.frames, frames);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<StackFrame, Integer> frameIds = new HashMap<>();
    private final List<StackFrame> frames = new ArrayList<>();
    private final Map<StackKey, Integer> stackIds = new HashMap<>();
    private final List<int[]> stacks = new ArrayList<>();
    private final List<long[]> weights = new ArrayList<>();
    private final List<long[]> events = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Instant start;
    private Instant end;
    private String origin;

    int frame(StackFrame frame) {
        Integer id = frameIds.get(frame);
        if (id == null) {
            id = frames.size();
            frames.add(frame);
            frameIds.put(frame, id);
        }
        return id;
    }

    /** The id of a stack of frame ids, innermost first; the array must not be changed afterwards. */
    int stack(int[] frameIds) {
        StackKey key = new StackKey(frameIds);
        Integer id = stackIds.get(key);
        if (id == null) {
            id = stacks.size();
            stacks.add(frameIds);
            weights.add(new long[METRICS]);
            events.add(new long[METRICS]);
            stackIds.put(key, id);
        }
        return id;
    }

    void add(int stack, Metric metric, long weight, long count) {
        weights.get(stack)[metric.ordinal()] += weight;
        events.get(stack)[metric.ordinal()] += count;
    }

    int stackCount() {
        return stacks.size();
    }

    void observeTime(Instant from, Instant to) {
        if (from != null && (start == null || from.isBefore(start))) {
            start = from;
        }
        if (to != null && (end == null || to.isAfter(end))) {
            end = to;
        }
    }

    void origin(String origin) {
        this.origin = origin;
    }

    void note(String note) {
        notes.add(note);
    }

    Profile build(Path source, Profile.Format format) {
        return new Profile(source, format, frames, stacks.toArray(int[][]::new), weights.toArray(long[][]::new),
                events.toArray(long[][]::new), start, end, origin, notes);
    }
}
