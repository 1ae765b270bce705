package dev.perflens.evidence;

import java.util.Arrays;
import java.util.List;

/** The summed weight and event count per metric of the loaded profiles: the denominators of all shares. */
public final class Totals {
    private final long[] weights = new long[Metric.values().length];
    private final long[] events = new long[Metric.values().length];

    Totals(List<Profile> profiles) {
        for (Profile profile : profiles) {
            for (Metric metric : Metric.values()) {
                weights[metric.ordinal()] += profile.totalWeight(metric);
                events[metric.ordinal()] += profile.totalEvents(metric);
            }
        }
    }

    public long weight(Metric metric) {
        return weights[metric.ordinal()];
    }

    public long events(Metric metric) {
        return events[metric.ordinal()];
    }

    public boolean has(Metric metric) {
        return weights[metric.ordinal()] > 0;
    }

    /** {@code weight} as a share (0..1) of the metric's total; 0 without data. */
    public double share(Metric metric, long weight) {
        long total = weights[metric.ordinal()];
        return total == 0 ? 0 : weight / (double) total;
    }

    @Override
    public String toString() {
        return "Totals[weights=" + Arrays.toString(weights) + ", events=" + Arrays.toString(events) + "]";
    }
}
