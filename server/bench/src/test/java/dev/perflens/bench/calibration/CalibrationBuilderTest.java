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
 * The converter against JSON written by a real JMH 1.37 run of two pairs with {@code -prof gc}
 * (fixtures/calibration/testdata/jmh-small.json; see fixtures/calibration/README.md). Expected
 * figures are recomputed here from the raw JMH entries, not copied from the output.
 */
class CalibrationBuilderTest {
    static final Path JMH = Path.of("../../fixtures/calibration/testdata/jmh-small.json");
    static final Path CATALOGUE = Path.of("../../fixtures/calibration/src/main/resources/" + PairCatalogue.RESOURCE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance PROVENANCE = new Provenance("quick", "fixtures/calibration/run.sh", 2,
            LocalDate.of(2026, 11, 30));

    private static ObjectNode build() throws Exception {
        return CalibrationBuilder.build(JmhResults.read(JMH), PairCatalogue.read(CATALOGUE), PROVENANCE);
    }

    /** The raw JMH entry for one side of a pair. */
    private static JsonNode raw(String benchmark, int n) throws Exception {
        for (JsonNode run : JSON.readTree(JMH.toFile())) {
            if (run.path("benchmark").asText().equals(benchmark) && run.path("params").path("n").asInt() == n) {
                return run;
            }
        }
        throw new AssertionError("no " + benchmark + " n=" + n + " in " + JMH);
    }

    @Test
    void pairsBeforeAndAfterPerRuleAndSize() throws Exception {
        ObjectNode calibration = build();
        assertEquals(1, calibration.path("schema").asInt());
        JsonNode rules = calibration.path("rules");
        assertEquals(List.of("list-membership-in-loop", "string-buffer-local"), fieldNames(rules));
        JsonNode rule = rules.path("list-membership-in-loop");
        assertEquals("dev.perflens.calibration.ListMembershipInLoop", rule.path("benchmark").asText());
        assertEquals("n", rule.path("param").asText());
        assertEquals(PairCatalogue.read(CATALOGUE).sizeMeaning().get("list-membership-in-loop"),
                rule.path("sizeMeaning").asText());
        List<Long> sizes = new ArrayList<>();
        rule.path("sizes").forEach(size -> sizes.add(size.path("n").asLong()));
        assertEquals(List.of(10L, 1000L), sizes);
    }

    @Test
    void speedupIntervalAndAllocationFollowTheFormulas() throws Exception {
        ObjectNode calibration = build();
        for (String rule : List.of("list-membership-in-loop", "string-buffer-local")) {
            String benchmark = PairCatalogue.className(rule);
            int index = 0;
            for (int n : new int[] {10, 1000}) {
                JsonNode size = calibration.path("rules").path(rule).path("sizes").get(index++);
                JsonNode before = raw(benchmark + ".before", n);
                JsonNode after = raw(benchmark + ".after", n);
                double b = before.path("primaryMetric").path("score").asDouble();
                double be = before.path("primaryMetric").path("scoreError").asDouble();
                double a = after.path("primaryMetric").path("score").asDouble();
                double ae = after.path("primaryMetric").path("scoreError").asDouble();
                assertClose(b, size.path("before").path("score").asDouble());
                assertClose(ae, size.path("after").path("error").asDouble());
                assertEquals("ns/op", size.path("after").path("unit").asText());
                assertClose(b / a, size.path("speedup").asDouble());
                assertClose(Math.max(0, b - be) / (a + ae), size.path("speedupLow").asDouble());
                if (a - ae > 0) {
                    assertClose((b + be) / (a - ae), size.path("speedupHigh").asDouble());
                } else {
                    assertTrue(size.path("speedupHigh").isNull(), size.toString());
                }
                double allocBefore = before.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
                double allocAfter = after.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
                assertTrue(allocBefore > 0 && allocAfter > 0, "the fixture was recorded with -prof gc");
                assertClose(allocBefore, size.path("before").path("allocBytesPerOp").asDouble());
                assertClose(allocAfter / allocBefore, size.path("allocRatio").asDouble());
                assertFalse(size.has("allocDelta"));
            }
        }
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
        JsonNode size = CalibrationBuilder.build(runs, PairCatalogue.read(CATALOGUE), PROVENANCE)
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
        assertMessage("needs at least 2 measurement iterations",
                edited(run -> ((ObjectNode) run.path("primaryMetric")).put("scoreError", "NaN")), catalogue);
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
                () -> CalibrationBuilder.build(runs, catalogue, PROVENANCE));
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
