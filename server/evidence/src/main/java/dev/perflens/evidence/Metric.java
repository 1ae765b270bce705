package dev.perflens.evidence;

/** What a profile measured. Each stack carries a weight per metric and the number of events behind it. */
public enum Metric {
    /** Execution samples; the weight is the number of samples. */
    CPU("CPU", "samples"),
    /** Sampled allocations; the weight is bytes. */
    ALLOCATION("allocation", "bytes"),
    /** Time waiting to enter a contended monitor; the weight is nanoseconds. */
    LOCK("lock wait", "ns");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** As shown to people: "CPU", "allocation", "lock wait". */
    public String label() {
        return label;
    }

    /** What the weight counts: samples, bytes or nanoseconds. */
    public String unit() {
        return unit;
    }
}
