package dev.perflens.bench.result;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The arithmetic behind every claim Perflens makes from a measurement: benchmark verdicts,
 * baselines and the calibration use these functions and no others. Quantiles come from Apache
 * Commons Math. Benchmark intervals are 99.9%, as JMH's own scoreError, so a Perflens interval
 * and a JMH interval on the same data are the same; the calibration states its own level.
 */
public final class Statistics {
    public static final double CONFIDENCE = 0.999;
    /** Above this many degrees of freedom Student's t is the normal distribution to 6 digits. */
    private static final double NORMAL_DF = 1e6;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Statistics() {
    }

    /**
     * Mean and 99.9% interval of a set of iteration scores (Student's t, as JMH computes
     * scoreError over all iterations of all forks). error is NaN with fewer than two samples.
     */
    public record Summary(int n, double mean, double sd, double error) {
        public double low() {
            return mean - error;
        }

        public double high() {
            return mean + error;
        }

        public boolean hasInterval() {
            return n >= 2 && !Double.isNaN(error);
        }
    }

    public static Summary summarize(List<Double> samples) {
        return summarize(samples, CONFIDENCE);
    }

    /** Mean and two-sided {@code confidence} interval of the mean (Student's t). */
    public static Summary summarize(List<Double> samples, double confidence) {
        int n = samples.size();
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = samples.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN);
        }
        double squares = samples.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        double error = tQuantile(1 - (1 - confidence) / 2, n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, error);
    }

    /** A ratio (a speed-up, a slow-down) with its interval; NaN bounds when there is none. */
    public record Ratio(double value, double low, double high) {
        /** The larger distance from the value to an end of the interval: the "± x" in "14.2x ± 1.1". */
        public double plusMinus() {
            return Math.max(high - value, value - low);
        }

        public Ratio inverse() {
            return new Ratio(1 / value, 1 / high, 1 / low);
        }

        /** Both ends finite and positive. */
        public boolean hasInterval() {
            return Double.isFinite(low) && Double.isFinite(high) && low > 0;
        }
    }

    /**
     * {@code numerator.mean / denominator.mean} with a 99.9% interval, for two independent sets of
     * samples (a baseline against today's run). The interval comes from the delta method on the
     * log of the ratio (a ratio of positive times is skewed; on the log scale it is close to
     * symmetric) with Welch-Satterthwaite degrees of freedom, so unequal variances and sample
     * counts of the two variants are allowed for. NaN bounds when either side has no interval.
     */
    public static Ratio ratio(Summary numerator, Summary denominator) {
        double value = numerator.mean() / denominator.mean();
        if (!numerator.hasInterval() || !denominator.hasInterval() || numerator.mean() <= 0 || denominator.mean() <= 0) {
            return new Ratio(value, Double.NaN, Double.NaN);
        }
        double va = numerator.sd() * numerator.sd() / (numerator.n() * numerator.mean() * numerator.mean());
        double vb = denominator.sd() * denominator.sd() / (denominator.n() * denominator.mean() * denominator.mean());
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Ratio(value, value, value);
        }
        double df = (va + vb) * (va + vb)
                / (va * va / (numerator.n() - 1) + vb * vb / (denominator.n() - 1));
        double t = tQuantile(1 - (1 - CONFIDENCE) / 2, df);
        return new Ratio(value, value * Math.exp(-t * se), value * Math.exp(t * se));
    }

    /**
     * The speed-up of paired rounds: round pair i measured {@code before[i]} and {@code after[i]}
     * next to each other, so what slows both (drift, another job on the machine) cancels in their
     * ratio. The estimate is the geometric mean of the per-pair ratios, the interval Student's t
     * on the mean log-ratio at {@code confidence} with pairs - 1 degrees of freedom. NaN bounds
     * with fewer than two pairs.
     */
    public static Ratio pairedRatio(double[] before, double[] after, double confidence) {
        if (before.length != after.length || before.length == 0) {
            throw new IllegalArgumentException("paired rounds need as many before as after scores, at least one");
        }
        int n = before.length;
        double[] logs = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(before[i] > 0) || !(after[i] > 0)) {
                throw new IllegalArgumentException("a time per operation must be positive: " + before[i] + ", " + after[i]);
            }
            logs[i] = Math.log(before[i] / after[i]);
            sum += logs[i];
        }
        double mean = sum / n;
        if (n == 1) {
            return new Ratio(Math.exp(mean), Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double log : logs) {
            squares += (log - mean) * (log - mean);
        }
        double se = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double half = tQuantile(1 - (1 - confidence) / 2, n - 1) * se;
        return new Ratio(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half));
    }

    /** The quantile {@code p} (0.5 to 1) of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile(double p, double df) {
        if (!(p > 0.5) || !(p < 1)) {
            throw new IllegalArgumentException("p must lie between 0.5 and 1, not " + p);
        }
        if (df >= NORMAL_DF) {
            return normalQuantile(p);
        }
        return new TDistribution(null, df).inverseCumulativeProbability(p);
    }

    /** The quantile {@code p} of the standard normal distribution. */
    public static double normalQuantile(double p) {
        return NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * What a speed-up interval supports under {@code criteria}; every verdict is read off the
     * interval alone, so no verdict can contradict the interval printed beside it:
     * <ul>
     * <li>faster: the interval lies above 1 and above {@code fasterLow}, and reaches past the
     *     equivalence band (a gain larger than the practical threshold is possible);</li>
     * <li>slower: the mirror image;</li>
     * <li>equivalent: the interval lies inside the equivalence band;</li>
     * <li>no significant difference (inconclusive): anything else, including no interval.</li>
     * </ul>
     */
    public static Verdict verdict(Ratio ratio, Criteria criteria) {
        if (!ratio.hasInterval()) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        if (ratio.low() > 1 && ratio.low() >= criteria.fasterLow() && ratio.high() > criteria.bandHigh()) {
            return Verdict.FASTER;
        }
        if (ratio.high() < 1 && ratio.high() <= 1 / criteria.fasterLow() && ratio.low() < criteria.bandLow()) {
            return Verdict.SLOWER;
        }
        if (ratio.low() >= criteria.bandLow() && ratio.high() <= criteria.bandHigh()) {
            return Verdict.EQUIVALENT;
        }
        return Verdict.NO_SIGNIFICANT_DIFFERENCE;
    }

    /**
     * Where verdicts change.
     *
     * @param fasterLow the least low end of a "faster" interval (1 for any significant gain)
     * @param bandLow   the equivalence band's low end
     * @param bandHigh  the equivalence band's high end
     */
    public record Criteria(double fasterLow, double bandLow, double bandHigh) {
        /**
         * Benchmark validation: a 5% practical threshold. Faster is an interval above 1 that reaches past
         * 1.05; equivalent is an interval inside 1/1.05 to 1.05.
         */
        public static final Criteria BENCHMARK = new Criteria(1.0, 1 / 1.05, 1.05);
        /**
         * The calibration: measurably faster is an interval whose low end is at least 1.1; equivalent
         * an interval inside 0.8 to 1.25.
         */
        public static final Criteria CALIBRATION = new Criteria(1.1, 0.8, 1.25);

        public Criteria {
            if (!(fasterLow >= 1) || !(bandLow < 1) || !(bandHigh > 1)) {
                throw new IllegalArgumentException("fasterLow >= 1 and a band around 1 are required");
            }
        }

        /** "5%" for the benchmark criteria. */
        public String thresholdText() {
            return String.format(java.util.Locale.ROOT, "%.0f%%", (bandHigh - 1) * 100);
        }
    }
}
