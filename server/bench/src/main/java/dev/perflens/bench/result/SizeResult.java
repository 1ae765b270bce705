package dev.perflens.bench.result;

/**
 * Both variants at one size and what they say together.
 *
 * @param size        the input size (@Param)
 * @param original    the code as it is
 * @param fixed       the code with the fix applied; null when only the original was measured
 * @param speedup     original score / fixed score (above 1: the fix is faster); null without a fix
 * @param speedupLow  the speed-up's 99.9% interval, low end
 * @param speedupHigh the speed-up's 99.9% interval, high end
 * @param verdict     faster, equivalent, no significant difference, slower, or measured (no fix)
 */
public record SizeResult(int size, VariantResult original, VariantResult fixed, Double speedup, Double speedupLow,
                         Double speedupHigh, Verdict verdict) {

    public static SizeResult of(int size, VariantResult original, VariantResult fixed) {
        if (fixed == null) {
            return new SizeResult(size, original, null, null, null, null, Verdict.MEASURED);
        }
        Statistics.Ratio ratio = Statistics.ratio(original.summary(), fixed.summary());
        return new SizeResult(size, original, fixed, ratio.value(), finite(ratio.low()), finite(ratio.high()),
                verdict(original, fixed, ratio));
    }

    /** Read off the speed-up's interval alone ({@link Statistics#verdict}, 5% practical threshold). */
    static Verdict verdict(VariantResult original, VariantResult fixed, Statistics.Ratio ratio) {
        return Statistics.verdict(ratio, Statistics.Criteria.BENCHMARK);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    public Statistics.Ratio ratio() {
        return new Statistics.Ratio(speedup, speedupLow == null ? Double.NaN : speedupLow,
                speedupHigh == null ? Double.NaN : speedupHigh);
    }

    /**
     * "14.2x ± 1.1 faster at n=1000" when the interval is about symmetric, else the interval itself:
     * "32.2x faster at n=2000 (99.9% interval 2.27x to 455x)"; "no significant difference at n=10 (...)".
     */
    public String describe() {
        if (verdict == Verdict.MEASURED) {
            return Units.format(original.score(), original.scoreError(), original.unit()) + " at n=" + size;
        }
        Statistics.Ratio ratio = ratio();
        return switch (verdict) {
            case FASTER -> amount(ratio, "faster");
            case SLOWER -> amount(ratio.inverse(), "slower");
            case EQUIVALENT -> "equivalent at n=" + size + " (" + Units.times(ratio.value()) + ", 99.9% interval "
                    + Units.times(ratio.low()) + " to " + Units.times(ratio.high()) + ", inside the "
                    + Statistics.Criteria.BENCHMARK.thresholdText() + " practical threshold)";
            default -> "no significant difference at n=" + size + " (" + Units.times(ratio.value())
                    + (Double.isNaN(ratio.low()) ? ", too few iterations for an interval"
                    : ", 99.9% interval " + Units.times(ratio.low()) + " to " + Units.times(ratio.high())
                    + ": it includes 1") + ")";
        };
    }

    private String amount(Statistics.Ratio ratio, String direction) {
        double up = ratio.high() - ratio.value();
        double down = ratio.value() - ratio.low();
        if (Math.max(up, down) <= 1.5 * Math.min(up, down)) {
            return Units.times(ratio.value()) + " ± " + Units.margin(ratio.plusMinus()) + " " + direction + " at n=" + size;
        }
        return Units.times(ratio.value()) + " " + direction + " at n=" + size + " (99.9% interval "
                + Units.times(ratio.low()) + " to " + Units.times(ratio.high()) + ")";
    }
}
