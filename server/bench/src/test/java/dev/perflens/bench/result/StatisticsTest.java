package dev.perflens.bench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
