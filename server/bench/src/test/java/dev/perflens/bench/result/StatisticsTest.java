package dev.perflens.bench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatisticsTest {
    @Test
    void studentTQuantilesMatchTables() {
        // two-sided 99.9%: the 0.9995 quantile
        assertEquals(636.619, Statistics.tQuantile(0.9995, 1), 0.01);
        assertEquals(8.610, Statistics.tQuantile(0.9995, 4), 0.001);
        assertEquals(4.781, Statistics.tQuantile(0.9995, 9), 0.001);
        assertEquals(3.646, Statistics.tQuantile(0.9995, 30), 0.001);
        assertEquals(3.291, Statistics.tQuantile(0.9995, 1e7), 0.001);
        assertEquals(1.96, Statistics.tQuantile(0.975, 1e7), 0.001);
        assertEquals(12.706, Statistics.tQuantile(0.975, 1), 0.001);
        assertEquals(4.303, Statistics.tQuantile(0.975, 2), 0.001);
        assertEquals(2.776, Statistics.tQuantile(0.975, 4), 0.001);
        assertEquals(2.093, Statistics.tQuantile(0.975, 19), 0.001);
        assertEquals(1.6449, Statistics.normalQuantile(0.95), 1e-4);
        assertEquals(2.5758, Statistics.normalQuantile(0.995), 1e-4);
    }

    @Test
    void pairedRatioIsTheGeometricMeanOfThePairsWithStudentsIntervalOnTheLogs() {
        double[] before = {200, 330, 190, 410};
        double[] after = {100, 150, 100, 200};
        Statistics.Ratio ratio = Statistics.pairedRatio(before, after, 0.95);
        double[] logs = {Math.log(2.0), Math.log(2.2), Math.log(1.9), Math.log(2.05)};
        double mean = (logs[0] + logs[1] + logs[2] + logs[3]) / 4;
        double squares = 0;
        for (double log : logs) {
            squares += (log - mean) * (log - mean);
        }
        double half = 3.182446 * Math.sqrt(squares / 3) / 2; // t(0.975, 3) from the table
        assertEquals(Math.exp(mean), ratio.value(), 1e-9);
        assertEquals(Math.exp(mean - half), ratio.low(), 1e-6);
        assertEquals(Math.exp(mean + half), ratio.high(), 1e-6);
    }

    @Test
    void driftThatSlowsBothVariantsCancelsInThePairs() {
        // the machine gets 1x to 8x slower over the run; the fix is always 3x faster
        double[] before = new double[8];
        double[] after = new double[8];
        Random random = new Random(3);
        for (int i = 0; i < 8; i++) {
            double load = 1 + i;
            before[i] = 300 * load * (1 + 0.01 * random.nextGaussian());
            after[i] = 100 * load * (1 + 0.01 * random.nextGaussian());
        }
        Statistics.Ratio paired = Statistics.pairedRatio(before, after, 0.95);
        assertTrue(paired.low() > 2.9 && paired.high() < 3.1, paired.toString());
        List<Double> b = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            b.add(before[i]);
            a.add(after[i]);
        }
        Statistics.Ratio unpaired = Statistics.ratio(Statistics.summarize(b, 0.95), Statistics.summarize(a, 0.95));
        assertTrue(unpaired.low() < 1 && unpaired.high() > 9,
                "without the pairing the drift widens the interval past 1: " + unpaired);
    }

    @Test
    void onePairHasNoInterval() {
        Statistics.Ratio ratio = Statistics.pairedRatio(new double[] {10}, new double[] {5}, 0.95);
        assertEquals(2, ratio.value(), 1e-12);
        assertTrue(!ratio.hasInterval());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, Statistics.verdict(ratio, Statistics.Criteria.BENCHMARK));
    }

    /** Every verdict is read off its interval: checked over a grid of intervals, with both criteria. */
    @Test
    void aVerdictAlwaysAgreesWithItsInterval() {
        double[] ends = {0.01, 0.5, 0.79, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02, 1.05, 1.08, 1.1, 1.2, 1.25, 1.3, 2, 50, 900};
        for (Statistics.Criteria criteria : List.of(Statistics.Criteria.BENCHMARK, Statistics.Criteria.CALIBRATION)) {
            for (double low : ends) {
                for (double high : ends) {
                    if (high < low) {
                        continue;
                    }
                    Statistics.Ratio ratio = new Statistics.Ratio(Math.sqrt(low * high), low, high);
                    Verdict verdict = Statistics.verdict(ratio, criteria);
                    String where = criteria + " " + ratio + " -> " + verdict;
                    switch (verdict) {
                        case FASTER -> assertTrue(low > 1 && low >= criteria.fasterLow() && high > criteria.bandHigh(), where);
                        case SLOWER -> assertTrue(high < 1 && low < criteria.bandLow(), where);
                        case EQUIVALENT -> assertTrue(low >= criteria.bandLow() && high <= criteria.bandHigh(), where);
                        case NO_SIGNIFICANT_DIFFERENCE -> {
                            assertTrue(!(low >= criteria.bandLow() && high <= criteria.bandHigh()), where);
                            if (criteria == Statistics.Criteria.BENCHMARK) {
                                assertTrue(low <= 1 && high >= 1, "no significant difference includes 1: " + where);
                            }
                        }
                        default -> throw new AssertionError(where);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "48.8, 2.85, 838, faster",
        "0.389, 0.182, 0.828, slower",
        "1.01, 0.97, 1.04, equivalent",
        "1.03, 1.01, 1.07, faster",
        "1.3, 0.9, 1.9, no significant difference",
        "210, 0.0, 1000, no significant difference"})
    void benchmarkVerdicts(double value, double low, double high, String expected) {
        assertEquals(expected, Statistics.verdict(new Statistics.Ratio(value, low, high),
                Statistics.Criteria.BENCHMARK).label());
    }

    @ParameterizedTest
    @CsvSource({
        "1.3, 1.12, 1.5, faster",
        "1.15, 1.1, 1.2, equivalent",
        "1.2, 1.05, 1.4, no significant difference",
        "0.95, 0.81, 1.2, equivalent",
        "0.5, 0.3, 0.8, slower",
        "2.6, 0.27, 25, no significant difference"})
    void calibrationVerdicts(double value, double low, double high, String expected) {
        assertEquals(expected, Statistics.verdict(new Statistics.Ratio(value, low, high),
                Statistics.Criteria.CALIBRATION).label());
    }

    @Test
    void summaryIsMeanWithStudentInterval() {
        Statistics.Summary summary = Statistics.summarize(List.of(10.0, 12.0, 11.0, 13.0, 9.0));
        assertEquals(11.0, summary.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), summary.sd(), 1e-12);
        assertEquals(8.610 * Math.sqrt(2.5) / Math.sqrt(5), summary.error(), 1e-3);
        assertTrue(Double.isNaN(Statistics.summarize(List.of(3.0)).error()), "one sample has no interval");
    }

    @Test
    void ratioOfTenfoldDifferenceIsAboutTenWithATightInterval() {
        Random random = new Random(1);
        List<Double> slow = new ArrayList<>();
        List<Double> fast = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(1000 * (1 + 0.02 * random.nextGaussian()));
            fast.add(100 * (1 + 0.02 * random.nextGaussian()));
        }
        Statistics.Ratio ratio = Statistics.ratio(Statistics.summarize(slow), Statistics.summarize(fast));
        assertEquals(10, ratio.value(), 0.2);
        assertTrue(ratio.low() < ratio.value() && ratio.value() < ratio.high());
        assertTrue(ratio.low() > 9.5 && ratio.high() < 10.5, ratio.toString());
        Statistics.Ratio inverse = ratio.inverse();
        assertEquals(1 / ratio.value(), inverse.value(), 1e-12);
        assertEquals(1 / ratio.high(), inverse.low(), 1e-12);
    }

    @Test
    void ratioOfSameDistributionContainsOne() {
        Random random = new Random(2);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            a.add(50 * (1 + 0.1 * random.nextGaussian()));
            b.add(50 * (1 + 0.1 * random.nextGaussian()));
        }
        Statistics.Ratio ratio = Statistics.ratio(Statistics.summarize(a), Statistics.summarize(b));
        assertTrue(ratio.low() < 1 && ratio.high() > 1, ratio.toString());
    }
}
