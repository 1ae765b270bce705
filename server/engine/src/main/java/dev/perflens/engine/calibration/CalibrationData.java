package dev.perflens.engine.calibration;

import java.util.List;
import java.util.Map;

/**
 * Measured costs of each rule's anti-pattern and of its fix, from a run of the calibration
 * benchmarks (JMH pairs, one class per rule). Plain data read from {@code calibration.json};
 * every figure comes from a JMH result file, none is typed by hand.
 *
 * @param source     where and how the figures were measured
 * @param rules      per rule id: the measured pair over its sizes
 * @param unmeasured per rule id without a pair: why its cost is not measured this way
 * @param origin     which file the data was read from, as shown to the user
 */
public record CalibrationData(Source source, Map<String, RuleCalibration> rules, Map<String, String> unmeasured,
                              String origin) {

    public static final CalibrationData EMPTY = new CalibrationData(null, Map.of(), Map.of(), "no calibration data");

    /**
     * @param jdk   the benchmark JVM's java.version, e.g. "17.0.15"
     * @param vm    the JVM's name
     * @param cores the machine's core count
     * @param date  the day of the run, ISO (yyyy-mm-dd)
     * @param mode  "full", "quick" or "smoke": how long JMH measured
     * @param confidence  the level of every speed-up interval in the file, e.g. 0.95
     * @param loadAverage the machine's load average when the run ended, null when unknown
     */
    public record Source(String jdk, String vm, int cores, String date, String mode, String command,
                         double confidence, Double loadAverage) {

        /** "JDK 17.0.15, 2 cores, 2026-11-30". */
        public String text() {
            return "JDK " + jdk + ", " + cores + (cores == 1 ? " core, " : " cores, ") + date
                    + ("full".equals(mode) ? "" : ", " + mode + " mode");
        }
    }

    /** What a calibration says about a rule's fix at one size, or over all sizes. */
    public enum Verdict {
        /** The speed-up's interval lies above 1 (at least 1.1 at its low end). */
        FASTER("faster"),
        /** The speed-up's interval lies inside 0.8-1.25: no gain worth a change. */
        EQUIVALENT("equivalent"),
        /** The speed-up's interval lies below 1. */
        SLOWER("slower"),
        /** The interval is too wide to say (a size), or no size decides (a rule). */
        INCONCLUSIVE("inconclusive");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Verdict of(String label) {
            for (Verdict verdict : values()) {
                if (verdict.label.equals(label)) {
                    return verdict;
                }
            }
            throw new IllegalArgumentException("unknown verdict '" + label + "' (faster, equivalent, slower, inconclusive)");
        }
    }

    /**
     * @param benchmark   the JMH class, e.g. "dev.perflens.calibration.ListMembershipInLoop"
     * @param param       the size parameter's name
     * @param sizeMeaning what the size counts, e.g. "elements in the list and in the loop"
     * @param sizes       one point per measured size, ascending
     * @param verdict     faster when some size is, equivalent when every size is, slower when some size is
     *                    and none is undecided, else inconclusive
     * @param reason      why the rule is inconclusive, from the run; empty otherwise
     */
    public record RuleCalibration(String benchmark, String param, String sizeMeaning, List<Point> sizes,
                                  Verdict verdict, String reason) {

        /** True when at least one size measured faster. */
        public boolean paysOff() {
            return verdict == Verdict.FASTER;
        }

        /** The calibration shows the fix gains nothing here (equivalent at every size, or slower): the only grounds to lower a rule. */
        public boolean measuredNoGain() {
            return verdict == Verdict.EQUIVALENT || verdict == Verdict.SLOWER;
        }
    }

    /** One variant's mean time per operation over the rounds, its interval's half-width, and allocation per operation. */
    public record Measure(double score, Double error, String unit, Double allocBytesPerOp) {
    }

    /**
     * The pair at one size.
     *
     * @param speedupLow  the speed-up interval's low end (from the paired rounds)
     * @param speedupHigh its high end
     * @param allocRatio  after/before bytes per operation; null when before allocates nothing
     * @param allocDelta  after-before bytes per operation; null when not measured
     * @param pairs       paired rounds behind the figures (0 for a point interpolated between two sizes)
     * @param verdict     what the interval says
     */
    public record Point(long n, Measure before, Measure after, double speedup, double speedupLow,
                        double speedupHigh, Double allocRatio, Double allocDelta, int pairs, Verdict verdict) {

        /** The speed-up interval includes "no change" (1.0). */
        public boolean includesNoChange() {
            return speedupLow <= 1.0 && speedupHigh >= 1.0;
        }
    }
}
