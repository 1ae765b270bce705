package dev.perflens.bench.result;

import java.util.List;

/**
 * The arithmetic behind every claim in a report. Confidence is 99.9% throughout, as JMH's own
 * scoreError, so a Perflens interval and a JMH interval on the same data are the same.
 */
public final class Statistics {
    public static final double CONFIDENCE = 0.999;

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
        double error = tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, error);
    }

    /**
     * A ratio of two means with its 99.9% interval. The interval comes from the delta method on
     * the log of the ratio (a ratio of positive times is skewed; on the log scale it is close to
     * symmetric) with Welch-Satterthwaite degrees of freedom, so unequal variances and sample
     * counts of the two variants are allowed for.
     */
    public record Ratio(double value, double low, double high) {
        /** The larger distance from the value to an end of the interval: the "± x" in "14.2x ± 1.1". */
        public double plusMinus() {
            return Math.max(high - value, value - low);
        }

        public Ratio inverse() {
            return new Ratio(1 / value, 1 / high, 1 / low);
        }
    }

    /** {@code numerator.mean / denominator.mean}; NaN bounds when either side has no interval. */
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

    /** The quantile {@code p} (0.5 to 1) of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile(double p, double df) {
        if (p <= 0.5) {
            throw new IllegalArgumentException("p must be above 0.5");
        }
        double low = 0;
        double high = 1;
        while (tCdf(high, df) < p) {
            high *= 2;
            if (high > 1e12) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
            double middle = (low + high) / 2;
            if (tCdf(middle, df) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** P(T <= t) for t >= 0. */
    static double tCdf(double t, double df) {
        double x = df / (df + t * t);
        return 1 - 0.5 * regularizedBeta(x, df / 2, 0.5);
    }

    /** I_x(a, b) by its continued fraction (Numerical Recipes, betacf with the modified Lentz method). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double numerator = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
    static double logGamma(double x) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
