package dev.perflens.engine.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Engine;
import dev.perflens.engine.Finding;
import dev.perflens.engine.ProfileWeight;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleRegistry;
import dev.perflens.engine.rules.BoxedConstructorRule;
import dev.perflens.engine.rules.ListMembershipInLoopRule;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calibration data in, estimates out: the reader, the size that applies, confidence, hint lowering, Amdahl. */
class CalibrationTest {
    private static final String DATA = resource("/calibration/two-rules.json");
    private final Calibrations calibrations = new Calibrations(CalibrationReader.read(DATA, "test calibration"));
    private final Engine engine = new Engine(new RuleRegistry(Set.of(new ListMembershipInLoopRule(),
            new BoxedConstructorRule())), calibrations);

    @Test
    void readsSourceRulesAndUnmeasuredReasons() {
        CalibrationData data = calibrations.bundled();
        assertEquals("JDK 17.0.99, 2 cores, 2026-01-02", data.source().text());
        assertEquals(List.of(10L, 1000L, 100000L), data.rules().get("list-membership-in-loop").sizes().stream()
                .map(CalibrationData.Point::n).toList(), "sizes are sorted ascending");
        assertEquals("its cost is a pause", data.unmeasured().get("explicit-gc"));
        assertTrue(data.rules().get("list-membership-in-loop").paysOff());
        assertFalse(data.rules().get("boxed-constructor").paysOff(), "interval 0.82-1.24 includes 1.0");
        assertTrue(data.rules().get("boxed-constructor").measuredNoGain(), "equivalent at every size");
        assertFalse(data.rules().get("list-membership-in-loop").measuredNoGain());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json                                     | is not valid JSON",
            "[]                                           | must hold a JSON object",
            "{\"schema\":3}                               | unsupported schema 3",
            "{\"schema\":1}                               | written by an older Perflens",
            "{\"schema\":2}                               | missing 'source'",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"}} | missing 'rules'",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[]}}} | rules.r: no sizes",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"before\":{\"score\":1,\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":1,\"speedupLow\":1}]}}} | lacks its integer 'n'",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"n\":1,\"before\":{\"score\":\"x\",\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":1,\"speedupLow\":1}]}}} | 'score' must be a number",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"n\":1,\"before\":{\"score\":1,\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":0,\"speedupLow\":1,\"speedupHigh\":1}]}}} | the speed-up must be positive",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"n\":1,\"before\":{\"score\":1,\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":2,\"speedupLow\":1,\"speedupHigh\":1.5}]}}} | lie in its interval",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"n\":1,\"before\":{\"score\":1,\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":1,\"speedupLow\":0.9,\"speedupHigh\":1.1}]}}} | n=1: missing 'verdict'",
            "{\"schema\":2,\"source\":{\"jdk\":\"17\",\"date\":\"d\"},\"rules\":{\"r\":{\"sizes\":[{\"n\":1,\"before\":{\"score\":1,\"error\":0},\"after\":{\"score\":1,\"error\":0},\"speedup\":1,\"speedupLow\":0.9,\"speedupHigh\":1.1,\"verdict\":\"equivalent\"}]}}} | rules.r: missing 'verdict'",
    })
    void malformedDataSaysWhatIsWrong(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationReader.read(json, "calibration.json"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /**
     * The loop bound stated by the code gives the size: a measured one is quoted as measured, one
     * between two is interpolated on a log-log scale, one outside is the nearest; otherwise the
     * default n=1k is assumed and said.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for (int i = 0; i < 100000; i++)            | 100000 | ~1,000x faster at n=100k (951-1,051x) | medium",
            "for (int i = 0; i <= 9; i++)                | 10     | ~2.0x slower at n=10 (1.6-2.4x)       | low",
            "for (int i = 0; i < LIMIT; i++)             | 1000   | ~40x faster at n=1k (37-43x)          | medium",
            "for (int i = 0; 10000 > i; i++)             | 10000  | ~200x faster at n=10k (188-213x)      | medium",
            "for (int i = 1; i < 100; i++)               |        | ~40x faster at the default n=1k (37-43x) | medium",
            "for (int i = 0; i < names.size(); i++)      |        | ~40x faster at the default n=1k (37-43x) | medium",
            "for (String s : List.of(\"a\", \"b\", \"c\")) |3     | ~2.0x slower at n=10 (1.6-2.4x)       | low",
            "for (String s : new String[] {\"a\", \"b\"})  | 2     | ~2.0x slower at n=10 (1.6-2.4x)       | low",
            "for (String s : names)                      |        | ~40x faster at the default n=1k (37-43x) | medium",
            "while (names.size() > 3)                    |        | ~40x faster at the default n=1k (37-43x) | medium",
    })
    void estimateUsesTheSizeTheCodeStates(String loop, Long bound, String summary, String confidence) {
        Finding finding = only(analyze("""
                import java.util.List;
                class Orders {
                    static final int LIMIT = 1000;
                    int count(List<String> names, List<String> wanted) {
                        int hits = 0;
                        %s {
                            if (names.contains("x")) hits++;
                        }
                        return hits;
                    }
                }
                """.formatted(loop), Policy.defaults(null)), "list-membership-in-loop");
        assertEquals(bound, finding.impact().estimate().bound());
        assertEquals(summary, finding.impact().summary());
        assertEquals(confidence, finding.impact().estimate().confidence().level().name().toLowerCase());
        assertTrue(finding.impact().estimate().confidence().reason()
                .contains("shipped with Perflens, not on this machine"), finding.impact().estimate().confidence().reason());
        boolean small = bound != null && bound <= dev.perflens.engine.rule.SizeBound.SMALL;
        assertEquals(small ? Severity.INFO : Severity.WARNING, finding.severity(),
                "the rule pays off at n=1k-100k; a loop the code bounds at a few passes is information");
    }

    @Test
    void fullTextNamesSizeIntervalAllocationRangeAndSource() {
        Finding finding = only(analyze(LOOP_OF_1K, Policy.defaults(null)), "list-membership-in-loop");
        assertEquals("O(n*m) -> O(n+m) (complexity model declared by rule list-membership-in-loop); measured at n=1k "
                + "(loop bound 1000): 40x faster (95% interval 37-43x), allocation 0 B -> 63 KB per call; over n=10-100k: "
                + "2.0x slower to 1,000x faster; estimate confidence medium (measured by the calibration shipped with "
                + "Perflens, not on this machine (run perflens calibrate)); calibration: JDK 17.0.99, 2 cores, 2026-01-02 "
                + "(test calibration)", finding.impact().text());
        assertEquals("O(n*m) -> O(n+m), ~40x faster at n=1k (37-43x)", finding.impact().shortText());
    }

    @Test
    void amdahlCombinesTheProfileShareWithTheMeasuredSpeedup() {
        Finding finding = only(analyze(LOOP_OF_1K, Policy.defaults(null)), "list-membership-in-loop");
        var cpu = finding.impact().withProfile(new ProfileWeight("CPU samples", "Orders.count", 0.5, 0.25, 0.4,
                500, 1000, "orders.jfr", null));
        assertEquals(0.25 * (1 - 1 / 40.0), cpu.programSaving().getAsDouble(), 1e-9, "the line's share is used");
        assertTrue(cpu.text().endsWith("expected whole-program saving ~24% of CPU samples (Amdahl: 25% share x (1 - 1/40x))"),
                cpu.text());
        var allocation = finding.impact().withProfile(new ProfileWeight("sampled allocation bytes", "Orders.count",
                0.5, Double.NaN, Double.NaN, 500, 1000, "orders.jfr", null));
        assertTrue(allocation.programSaving().isEmpty(), "the fix allocates more: no allocation saving to claim");
        assertTrue(finding.impact().programSaving().isEmpty(), "no profile, no program saving");
    }

    @Test
    void ruleThatDoesNotPayOffOnThisMachineIsLoweredToHintUnlessPolicySetsItsSeverity(@TempDir Path root)
            throws IOException {
        String source = """
                class Legacy {
                    @SuppressWarnings("removal")
                    Object box(int n) { return new Integer(n); }
                }
                """;
        Finding shipped = only(analyze(source, Policy.defaults(null)), "boxed-constructor");
        assertEquals(dev.perflens.engine.rule.RuleMetadata.of(BoxedConstructorRule.class).severity(), shipped.severity(),
                "the shipped calibration, from another machine, lowers nothing");
        assertEquals("measured no gain on this JDK (JDK 17.0.99)", shipped.impact().summary());
        assertFalse(shipped.message().contains("Lowered"));

        Path own = root.resolve(Calibrations.WORKSPACE_FILE);
        Files.createDirectories(own.getParent());
        Files.writeString(own, DATA);
        Finding lowered = only(analyze(source, Policy.defaults(root)), "boxed-constructor");
        assertEquals(Severity.HINT, lowered.severity());
        assertTrue(lowered.message().contains("Lowered to hint: this machine's calibration measured no gain at "
                + "any size (JDK 17.0.99, 2 cores, 2026-01-02 (.perflens/calibration.json))."), lowered.message());

        // a run that could not decide (an interval merely wide) lowers nothing
        Files.writeString(own, DATA.replace("\"speedupLow\": 0.82, \"speedupHigh\": 1.24", "\"speedupLow\": 0.3, \"speedupHigh\": 3.1")
                .replace("\"verdict\": \"equivalent\"", "\"verdict\": \"inconclusive\""));
        Files.setLastModifiedTime(own, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Finding undecided = only(analyze(source, Policy.defaults(root)), "boxed-constructor");
        assertEquals(shipped.severity(), undecided.severity(), undecided.message());
        assertFalse(undecided.message().contains("Lowered"));
        assertEquals("~1.0x faster at the default n=1k (3.3x slower to 3.1x faster)", undecided.impact().summary());
        Files.writeString(own, DATA);
        Files.setLastModifiedTime(own, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));

        Policy explicit = new Policy(root, Map.of("boxed-constructor",
                new Policy.RuleSettings(null, Severity.ERROR)), null, List.of(), List.of());
        Finding kept = only(analyze(source, explicit), "boxed-constructor");
        assertEquals(Severity.ERROR, kept.severity());
        assertFalse(kept.message().contains("Lowered"));
    }

    @Test
    void workspaceCalibrationTakesPrecedenceAndIsReReadWhenItChanges(@TempDir Path root) throws IOException {
        Path file = root.resolve(Calibrations.WORKSPACE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, DATA.replace("17.0.99", "21.0.5").replace("\"speedup\": 40.0", "\"speedup\": 41.0"));
        Finding own = only(analyze(LOOP_OF_1K, Policy.defaults(root)), "list-membership-in-loop");
        assertEquals("~41x faster at n=1k (37-43x)", own.impact().summary());
        assertEquals(Confidence.Level.HIGH, own.impact().estimate().confidence().level());
        assertTrue(own.impact().estimate().source().contains("JDK 21.0.5"), own.impact().estimate().source());

        Files.writeString(file, "{ broken");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Finding fallback = only(analyze(LOOP_OF_1K, Policy.defaults(root)), "list-membership-in-loop");
        assertEquals("~40x faster at n=1k (37-43x)", fallback.impact().summary(), "the shipped data applies");
        assertTrue(calibrations.problem(root).orElseThrow().contains("is not valid JSON"));
        assertTrue(calibrations.problem(root.resolve("elsewhere")).isEmpty());
    }

    @Test
    void ruleWithoutCalibrationKeepsTheComplexityModel() {
        Engine uncalibrated = new Engine(new RuleRegistry(Set.of(new ListMembershipInLoopRule())),
                new Calibrations(CalibrationData.EMPTY));
        Finding finding = uncalibrated.analyze(Path.of("/w/Orders.java"), LOOP_OF_1K, ParseEnvironment.jdkOnly(),
                Cancellation.NONE).findings().get(0);
        assertEquals(null, finding.impact().estimate());
        assertEquals("O(n*m) -> O(n+m)", finding.impact().summary());
    }

    private static final String LOOP_OF_1K = """
            import java.util.List;
            class Orders {
                int count(List<String> names) {
                    int hits = 0;
                    for (int i = 0; i < 1000; i++) {
                        if (names.contains("x" + i)) hits++;
                    }
                    return hits;
                }
            }
            """;

    private List<Finding> analyze(String source, Policy policy) {
        Path file = policy.root() == null ? Path.of("/w/Orders.java") : policy.root().resolve("Orders.java");
        return engine.analyze(file, source, ParseEnvironment.jdkOnly(), policy, Cancellation.NONE).findings();
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, matching.size(), () -> "findings: " + findings);
        return matching.get(0);
    }

    private static String resource(String name) {
        try (InputStream in = CalibrationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
