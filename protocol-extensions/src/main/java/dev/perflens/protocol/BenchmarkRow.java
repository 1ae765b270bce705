package dev.perflens.protocol;

/** One input size of a benchmark: both variants' scores and what they say together. */
public class BenchmarkRow {
    /** The input size (n). */
    private int size;
    /** The unit of the scores, "ns/op". */
    private String unit;
    /** Mean time per call of the code as it is. */
    private double originalScore;
    /** Half-width of its 99.9% confidence interval (JMH's scoreError); null with too few iterations. */
    private Double originalError;
    /** Mean time per call with the fix applied; null when only the original was measured. */
    private Double fixedScore;
    /** Half-width of its 99.9% confidence interval. */
    private Double fixedError;
    /** originalScore / fixedScore: above 1 the fix is faster. */
    private Double speedup;
    /** The speed-up's 99.9% interval, low end. */
    private Double speedupLow;
    /** The speed-up's 99.9% interval, high end. */
    private Double speedupHigh;
    /** "faster", "no significant difference", "slower", or "measured" (no fix). */
    private String verdict;
    /** Bytes allocated per call by the original (JMH -prof gc); null when not profiled. */
    private Double originalAllocBytes;
    /** Bytes allocated per call with the fix. */
    private Double fixedAllocBytes;

    public BenchmarkRow() {
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public double getOriginalScore() {
        return originalScore;
    }

    public void setOriginalScore(double originalScore) {
        this.originalScore = originalScore;
    }

    public Double getOriginalError() {
        return originalError;
    }

    public void setOriginalError(Double originalError) {
        this.originalError = originalError;
    }

    public Double getFixedScore() {
        return fixedScore;
    }

    public void setFixedScore(Double fixedScore) {
        this.fixedScore = fixedScore;
    }

    public Double getFixedError() {
        return fixedError;
    }

    public void setFixedError(Double fixedError) {
        this.fixedError = fixedError;
    }

    public Double getSpeedup() {
        return speedup;
    }

    public void setSpeedup(Double speedup) {
        this.speedup = speedup;
    }

    public Double getSpeedupLow() {
        return speedupLow;
    }

    public void setSpeedupLow(Double speedupLow) {
        this.speedupLow = speedupLow;
    }

    public Double getSpeedupHigh() {
        return speedupHigh;
    }

    public void setSpeedupHigh(Double speedupHigh) {
        this.speedupHigh = speedupHigh;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public Double getOriginalAllocBytes() {
        return originalAllocBytes;
    }

    public void setOriginalAllocBytes(Double originalAllocBytes) {
        this.originalAllocBytes = originalAllocBytes;
    }

    public Double getFixedAllocBytes() {
        return fixedAllocBytes;
    }

    public void setFixedAllocBytes(Double fixedAllocBytes) {
        this.fixedAllocBytes = fixedAllocBytes;
    }
}
