package dev.perflens.bench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsing and statistics against JSON written by a real JMH run (see fixtures/bench/README.md).
 */
class JmhResultsTest {
    static final Path ORIGINAL = Path.of("../../fixtures/bench/jmh-order-matcher-original.json");
    static final Path FIXED = Path.of("../../fixtures/bench/jmh-order-matcher-fixed.json");

    @Test
    void readsEveryFieldTheReportNeeds() throws IOException {
        List<JmhResults.Run> runs = JmhResults.read(ORIGINAL);
        assertEquals(2, runs.size());
        JmhResults.Run small = runs.get(0);
        assertEquals("com.example.orders.PerflensBenchmark_OrderMatcher_matchOrders.measure", small.benchmark());
        assertEquals("avgt", small.mode());
        assertEquals(Map.of("size", "10"), small.params());
        assertEquals("1.37", small.jmhVersion());
        assertEquals("17.0.15", small.jdkVersion());
        assertEquals(0, small.forks(), "each Perflens fork is a JVM running JMH with -f 0");
        assertEquals(5, small.measurementIterations());
        assertEquals("ns/op", small.primary().unit());
        assertEquals(1, small.primary().rawData().size());
        assertEquals(5, small.primary().samples().size());
        assertEquals(4536.039363518402, small.primary().score(), 1e-9);
        assertEquals(6614.318094171312, small.primary().scoreError(), 1e-9);
        JmhResults.Metric allocation = small.allocation();
        assertNotNull(allocation, "-prof gc was on");
        assertEquals("B/op", allocation.unit());
        assertEquals("1000", runs.get(1).params().get("size"));
    }

    @Test
    void ourIntervalIsJmhsScoreError() throws IOException {
        for (Path file : List.of(ORIGINAL, FIXED)) {
            for (JmhResults.Run run : JmhResults.read(file)) {
                Statistics.Summary summary = Statistics.summarize(run.primary().samples());
                assertEquals(run.primary().score(), summary.mean(), run.primary().score() * 1e-12);
                assertEquals(run.primary().scoreError(), summary.error(), run.primary().scoreError() * 1e-6,
                        file + " " + run.params());
            }
        }
    }

    @Test
    void aHundredfoldMeanIsFasterWhenTheSpeedupsIntervalLiesAboveOneThoughTheRawIntervalsOverlap() throws IOException {
        VariantResult original = variant(JmhResults.read(ORIGINAL).get(1));
        VariantResult fixed = variant(JmhResults.read(FIXED).get(1));
        SizeResult row = SizeResult.of(1000, original, fixed);
        assertTrue(row.speedup() > 50, "about 100x on the means: " + row.speedup());
        assertTrue(original.low() < fixed.high(), "an outlier iteration stretches the original's interval below zero");
        assertTrue(row.speedupLow() > 1.05, "the speed-up's own interval: " + row.ratio());
        assertEquals(Verdict.FASTER, row.verdict(), "the verdict follows the speed-up's interval, not the raw ones");
        assertTrue(row.describe().startsWith("106x faster at n=1000 (99.9% interval "), row.describe());
    }

    @Test
    void clearlySeparatedIntervalsAreFasterAndTheMirrorIsSlower() {
        VariantResult slow = new VariantResult(1000, 10, "ns/op", 5, 1, null, null,
                List.of(List.of(990.0, 1000.0, 1010.0, 995.0, 1005.0)));
        VariantResult fast = new VariantResult(100, 1, "ns/op", 5, 1, null, null,
                List.of(List.of(99.0, 100.0, 101.0, 99.5, 100.5)));
        slow = new VariantResult(slow.summary().mean(), slow.summary().error(), "ns/op", 5, 1, null, null, slow.rawData());
        fast = new VariantResult(fast.summary().mean(), fast.summary().error(), "ns/op", 5, 1, null, null, fast.rawData());
        SizeResult faster = SizeResult.of(1000, slow, fast);
        assertEquals(Verdict.FASTER, faster.verdict());
        assertTrue(faster.describe().matches("10\\.0x ± 0\\.\\d\\d? faster at n=1000"), faster.describe());
        SizeResult slower = SizeResult.of(1000, fast, slow);
        assertEquals(Verdict.SLOWER, slower.verdict());
        assertTrue(slower.describe().matches("10\\.0x ± 0\\.\\d\\d? slower at n=1000"), slower.describe());
    }

    @Test
    void rejectsWhatIsNotJmhJson() {
        assertThrows(IOException.class, () -> JmhResults.parse("{\"benchmark\": 1}"));
        assertThrows(IOException.class, () -> JmhResults.parse("[{\"mode\": \"avgt\"}]"));
    }

    private static VariantResult variant(JmhResults.Run run) {
        return new VariantResult(run.primary().score(), run.primary().scoreError(), run.primary().unit(),
                run.primary().samples().size(), 1, null, null, run.primary().rawData());
    }
}
