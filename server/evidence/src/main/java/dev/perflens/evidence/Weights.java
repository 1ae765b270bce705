package dev.perflens.evidence;

import java.util.Arrays;

/**
 * Self and total weight and event counts per metric for one piece of code (a method, a line or
 * a range of lines). Shares are taken against the index's totals.
 */
public final class Weights {
    private static final int METRICS = Metric.values().length;
    private final long[] selfWeight = new long[METRICS];
    private final long[] selfEvents = new long[METRICS];
    private final long[] totalWeight = new long[METRICS];
    private final long[] totalEvents = new long[METRICS];

    public static final Weights NONE = new Weights();

    public long selfWeight(Metric metric) {
        return selfWeight[metric.ordinal()];
    }

    public long selfEvents(Metric metric) {
        return selfEvents[metric.ordinal()];
    }

    public long totalWeight(Metric metric) {
        return totalWeight[metric.ordinal()];
    }

    public long totalEvents(Metric metric) {
        return totalEvents[metric.ordinal()];
    }

    /** Whether any metric has a sample here. */
    public boolean isEmpty() {
        return Arrays.stream(totalEvents).allMatch(events -> events == 0);
    }

    void addSelf(long[] weights, long[] events) {
        for (int i = 0; i < METRICS; i++) {
            selfWeight[i] += weights[i];
            selfEvents[i] += events[i];
        }
    }

    void addTotal(long[] weights, long[] events) {
        for (int i = 0; i < METRICS; i++) {
            totalWeight[i] += weights[i];
            totalEvents[i] += events[i];
        }
    }

    @Override
    public String toString() {
        return "Weights[self=" + Arrays.toString(selfWeight) + ", total=" + Arrays.toString(totalWeight) + "]";
    }
}
