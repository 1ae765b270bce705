package dev.perflens.bench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.bench.calibration.CalibrationBuilder.Provenance;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.JmhResults.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter against the rounds of a real paired calibration run
 * ({@code perflens calibrate --mode quick --rules regex-in-loop,string-buffer-local --rounds FILE}
 * on a loaded 2-core machine, JMH 1.37, kept to three sizes: fixtures/calibration/testdata/rounds-quick.json).
 * Expected figures are recomputed here from the raw JMH entries, not copied from the output.
 */
class CalibrationBuilderTest {
    static final Path JMH = Path.of("../../fixtures/calibration/testdata/rounds-quick.json");
    static final Path CATALOGUE = Path.of("../../fixtures/calibration/src/main/resources/" + PairCatalogue.RESOURCE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance PROVENANCE = new Provenance("quick", "rounds of 4 x 100ms", "fixtures/calibration/run.sh",
            2, LocalDate.of(2026, 11, 30), 4.5);
    /** Student's t, 0.975 quantile, 2 degrees of freedom: from the table, not from the code under test. */
    private static final double T_975_2 = 4.302653;

    private static ObjectNode build() throws Exception {
        return CalibrationBuilder.build(JmhResults.read(JMH), Map.of(CalibrationBuilder.key("regex-in-loop", 10),
                CalibrationRunner.Stop.DECIDED), PairCatalogue.read(CATALOGUE), PROVENANCE);
    }

    /** The raw JMH entries (rounds) of one side of a pair, in the order they ran. */
    private static List<JsonNode> raw(String benchmark, int n) throws Exception {
        List<JsonNode> rounds = new ArrayList<>();
        for (JsonNode run : JSON.readTree(JMH.toFile())) {
            if (run.path("benchmark").asText().equals(benchmark) && run.path("params").path("n").asInt() == n) {
                rounds.add(run);
            }
        }
        return rounds;
    }

    private static double median(JsonNode run) {
        List<Double> values = new ArrayList<>();
        run.path("primaryMetric").path("rawData").forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
        values.sort(null);
        int m = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(m) : (values.get(m - 1) + values.get(m)) / 2;
    }

    @Test
    void pairsBeforeAndAfterPerRuleAndSize() throws Exception {
        ObjectNode calibration = build();
        assertEquals(2, calibration.path("schema").asInt());
        JsonNode rules = calibration.path("rules");
        assertEquals(List.of("regex-in-loop", "string-buffer-local"), fieldNames(rules));
        JsonNode rule = rules.path("regex-in-loop");
        assertEquals("dev.perflens.calibration.RegexInLoop", rule.path("benchmark").asText());
        assertEquals("n", rule.path("param").asText());
        assertEquals(PairCatalogue.read(CATALOGUE).sizeMeaning().get("regex-in-loop"), rule.path("sizeMeaning").asText());
        List<Long> sizes = new ArrayList<>();
        rule.path("sizes").forEach(size -> sizes.add(size.path("n").asLong()));
        assertEquals(List.of(10L, 1000L), sizes);
        assertEquals("decided", rule.path("sizes").get(0).path("stoppedBy").asText());
        assertFalse(rule.path("sizes").get(1).has("stoppedBy"), "no stop recorded for that size");
    }

    @Test
    void speedupIsThePairedRoundsGeometricMeanWithItsInterval() throws Exception {
        ObjectNode calibration = build();
        for (String rule : List.of("regex-in-loop", "string-buffer-local")) {
            String benchmark = PairCatalogue.className(rule);
            for (JsonNode size : calibration.path("rules").path(rule).path("sizes")) {
                int n = size.path("n").asInt();
                List<JsonNode> before = raw(benchmark + ".before", n);
                List<JsonNode> after = raw(benchmark + ".after", n);
                assertEquals(3, before.size());
                assertEquals(before.size(), size.path("pairs").asInt());
                double[] logs = new double[3];
                double mean = 0;
                double beforeMean = 0;
                double allocBefore = 0;
                double allocAfter = 0;
                for (int i = 0; i < 3; i++) {
                    logs[i] = Math.log(median(before.get(i)) / median(after.get(i)));
                    mean += logs[i] / 3;
                    beforeMean += median(before.get(i)) / 3;
                    assertClose(median(before.get(i)), size.path("rounds").get(i).get(0).asDouble());
                    assertClose(median(after.get(i)), size.path("rounds").get(i).get(1).asDouble());
                    allocBefore += before.get(i).path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble() / 3;
                    allocAfter += after.get(i).path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble() / 3;
                }
                double squares = 0;
                for (double log : logs) {
                    squares += (log - mean) * (log - mean);
                }
                double half = T_975_2 * Math.sqrt(squares / 2) / Math.sqrt(3);
                assertClose(Math.exp(mean), size.path("speedup").asDouble());
                assertClose(Math.exp(mean - half), size.path("speedupLow").asDouble());
                assertClose(Math.exp(mean + half), size.path("speedupHigh").asDouble());
                assertClose(beforeMean, size.path("before").path("score").asDouble());
                assertEquals("ns/op", size.path("after").path("unit").asText());
                assertTrue(allocBefore > 0 && allocAfter > 0, "the rounds were recorded with -prof gc");
                assertClose(allocBefore, size.path("before").path("allocBytesPerOp").asDouble());
                assertClose(allocAfter / allocBefore, size.path("allocRatio").asDouble());
                assertFalse(size.has("allocDelta"));
                double low = size.path("speedupLow").asDouble();
                double high = size.path("speedupHigh").asDouble();
                String expected = low >= 1.1 ? "faster" : high <= 1 / 1.1 && low < 0.8 ? "slower"
                        : low >= 0.8 && high <= 1.25 ? "equivalent" : "inconclusive";
                assertEquals(expected, size.path("verdict").asText(), size.toString());
            }
        }
    }

    @Test
    void aRuleIsFasterWhenASizeIsAndOtherwiseSaysWhyItIsUndecided() throws Exception {
        ObjectNode calibration = build();
        calibration.path("rules").fields().forEachRemaining(entry -> {
            JsonNode rule = entry.getValue();
            List<String> verdicts = new ArrayList<>();
            rule.path("sizes").forEach(size -> verdicts.add(size.path("verdict").asText()));
            String verdict = rule.path("verdict").asText();
            if (verdicts.contains("faster")) {
                assertEquals("faster", verdict, entry.getKey());
            } else if (verdicts.stream().allMatch("equivalent"::equals)) {
                assertEquals("equivalent", verdict, entry.getKey());
            } else if (verdict.equals("inconclusive")) {
                assertTrue(rule.path("reason").asText().contains("n="), rule.toString());
            }
        });
    }

    @Test
    void sourceComesFromTheJmhResultsAndTheMachine() throws Exception {
        JsonNode source = build().path("source");
        JsonNode first = JSON.readTree(JMH.toFile()).get(0);
        assertEquals(first.path("jdkVersion").asText(), source.path("jdk").asText());
        assertEquals(first.path("vmName").asText(), source.path("vm").asText());
        assertEquals("1.37", source.path("jmh").asText());
        assertEquals(2, source.path("cores").asInt());
        assertEquals("2026-11-30", source.path("date").asText());
        assertEquals("quick", source.path("mode").asText());
        assertEquals(4.5, source.path("loadAverage").asDouble());
        assertEquals(0.95, source.path("confidence").asDouble());
        assertEquals("fixtures/calibration/run.sh", source.path("command").asText());
    }

    @Test
    void unmeasuredRulesKeepTheirReasons() throws Exception {
        JsonNode unmeasured = build().path("unmeasured");
        Map<String, String> declared = PairCatalogue.read(CATALOGUE).unmeasured();
        assertEquals(declared.size(), unmeasured.size());
        declared.forEach((rule, reason) -> assertEquals(reason, unmeasured.path(rule).asText()));
        assertTrue(unmeasured.path("explicit-gc").asText().contains("pause"));
    }

    @Test
    void noAllocationBeforeGivesADeltaInsteadOfARatio() throws Exception {
        List<Run> runs = edited(run -> {
            if (run.path("benchmark").asText().endsWith(".before")) {
                ((ObjectNode) run.path("secondaryMetrics").path("gc.alloc.rate.norm")).put("score", 0.001);
            }
        });
        JsonNode size = CalibrationBuilder.build(runs, Map.of(), PairCatalogue.read(CATALOGUE), PROVENANCE)
                .path("rules").path("string-buffer-local").path("sizes").get(0);
        assertTrue(size.path("allocRatio").isNull());
        assertClose(size.path("after").path("allocBytesPerOp").asDouble() - 0.001, size.path("allocDelta").asDouble());
    }

    @Test
    void incompleteOrForeignResultsAreRefusedWithTheReason() throws Exception {
        PairCatalogue catalogue = PairCatalogue.read(CATALOGUE);
        List<Run> noAfter = JmhResults.read(JMH).stream()
                .filter(run -> !(run.benchmark().endsWith("StringBufferLocal.after") && run.params().get("n").equals("10")))
                .toList();
        assertMessage("string-buffer-local n=10: no after result", noAfter, catalogue);
        List<Run> all = JmhResults.read(JMH);
        assertMessage("paired rounds come in pairs", all.subList(1, all.size()), catalogue);
        assertMessage("expected avgt", edited(run -> ((ObjectNode) run).put("mode", "thrpt")), catalogue);
        assertMessage("run JMH with -prof gc", edited(run -> ((ObjectNode) run).putObject("secondaryMetrics")), catalogue);
        assertMessage("the JMH results mix JVMs", edited(run -> {
            if (run.path("benchmark").asText().endsWith(".after")) {
                ((ObjectNode) run).put("jdkVersion", "21.0.5");
            }
        }), catalogue);
        assertMessage("has no sizeMeaning", JmhResults.read(JMH),
                new PairCatalogue(Map.of("list-membership-in-loop", "x"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new PairCatalogue(Map.of("explicit-gc", "x"), Map.of("explicit-gc", "y")));
    }

    @Test
    void ruleIdsAndClassNamesMapBothWays() {
        assertEquals("list-membership-in-loop", PairCatalogue.ruleId("dev.perflens.calibration.ListMembershipInLoop"));
        assertEquals("toarray-presized", PairCatalogue.ruleId("ToarrayPresized"));
        assertEquals("dev.perflens.calibration.UnbufferedIo", PairCatalogue.className("unbuffered-io"));
        assertEquals("unbuffered-io", PairCatalogue.ruleId(PairCatalogue.className("unbuffered-io")));
    }

    @Test
    void writesAtomicallyAndReadsBackTheSameContent(@TempDir Path dir) throws Exception {
        ObjectNode calibration = build();
        Path out = dir.resolve(".perflens/calibration.json");
        CalibrationBuilder.writeAtomically(calibration, out);
        assertEquals(JSON.readTree(JSON.writeValueAsString(calibration)), JSON.readTree(out.toFile()));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
    }

    private interface Edit {
        void apply(JsonNode run);
    }

    private static List<Run> edited(Edit edit) throws Exception {
        ArrayNode runs = (ArrayNode) JSON.readTree(JMH.toFile());
        runs.forEach(edit::apply);
        return JmhResults.parse(JSON.writeValueAsString(runs));
    }

    private static void assertMessage(String expected, List<Run> runs, PairCatalogue catalogue) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationBuilder.build(runs, Map.of(), catalogue, PROVENANCE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The file keeps four significant figures. */
    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-3 + 1e-9, () -> "expected ~" + expected + " got " + actual);
    }
}
