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
     */
    public record Source(String jdk, String vm, int cores, String date, String mode, String command) {

        /** "JDK 17.0.15, 2 cores, 2026-11-30". */
        public String text() {
            return "JDK " + jdk + ", " + cores + (cores == 1 ? " core, " : " cores, ") + date
                    + ("full".equals(mode) ? "" : ", " + mode + " mode");
        }
    }

    /**
     * @param benchmark   the JMH class, e.g. "dev.perflens.calibration.ListMembershipInLoop"
     * @param param       the size parameter's name
     * @param sizeMeaning what the size counts, e.g. "elements in the list and in the loop"
     * @param sizes       one point per measured size, ascending
     */
    public record RuleCalibration(String benchmark, String param, String sizeMeaning, List<Point> sizes) {

        /** True when at least one size shows a speed-up whose whole interval lies above 1.0. */
        public boolean paysOff() {
            return sizes.stream().anyMatch(p -> p.speedupLow() > 1.0);
        }
    }

    /** One JMH measurement: mean score and its error (99.9% half-width), and allocation per operation. */
    public record Measure(double score, double error, String unit, Double allocBytesPerOp) {
    }

    /**
     * The pair at one size.
     *
     * @param speedupLow  conservative end of the speed-up interval (before low / after high)
     * @param speedupHigh optimistic end; null when the fix's interval reaches zero
     * @param allocRatio  after/before bytes per operation; null when before allocates nothing
     * @param allocDelta  after-before bytes per operation; null when not measured
     */
    public record Point(long n, Measure before, Measure after, double speedup, double speedupLow,
                        Double speedupHigh, Double allocRatio, Double allocDelta) {

        /** The speed-up interval includes "no change" (1.0). */
        public boolean includesNoChange() {
            return speedupLow <= 1.0 && (speedupHigh == null || speedupHigh >= 1.0);
        }
    }
}
