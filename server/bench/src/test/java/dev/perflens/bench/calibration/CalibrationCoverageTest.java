package dev.perflens.bench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.rule.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the engine has a calibration pair or a declared reason why not, and the shipped
 * calibration file (produced by fixtures/calibration/run.sh) covers each exactly once.
 */
class CalibrationCoverageTest {
    static final Path PAIRS = Path.of("../../fixtures/calibration/src/main/java/dev/perflens/calibration");
    static final Path SHIPPED = Path.of("../engine/src/main/resources/dev/perflens/engine/calibration.json");

    private static Set<String> engineRules() {
        RuleRegistry registry = Guice.createInjector(new EngineModule()).getInstance(RuleRegistry.class);
        return registry.metadata().stream().map(RuleMetadata::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRuleHasAPairOrAReason() throws Exception {
        PairCatalogue catalogue = PairCatalogue.read(CalibrationBuilderTest.CATALOGUE);
        Set<String> declared = new TreeSet<>(catalogue.sizeMeaning().keySet());
        declared.addAll(catalogue.unmeasured().keySet());
        assertEquals(engineRules(), declared);
        for (String rule : catalogue.sizeMeaning().keySet()) {
            String simple = PairCatalogue.className(rule).substring("dev.perflens.calibration.".length());
            Path pair = PAIRS.resolve(simple + ".java");
            assertTrue(Files.isRegularFile(pair), rule + " has no pair class " + pair);
            String source = Files.readString(pair);
            assertTrue(source.contains("public void before(") || source.contains(" before() "), pair.toString());
            assertTrue(source.contains("@Param("), pair + " declares its sizes as @Param n");
        }
    }

    /**
     * Every calibrated rule's verdict follows its intervals: faster when some size is measurably
     * faster (interval low end at least 1.1), equivalent when every size lies inside 0.8-1.25;
     * a rule the run could not decide says why in the data, size by size, with the interval and
     * what stopped the rounds.
     */
    @Test
    void theShippedCalibrationLabelsEveryRuleByItsIntervals() throws Exception {
        JsonNode shipped = new ObjectMapper().readTree(SHIPPED.toFile());
        shipped.path("rules").fields().forEachRemaining(rule -> {
            String verdict = rule.getValue().path("verdict").asText();
            boolean faster = false;
            boolean allEquivalent = true;
            for (JsonNode size : rule.getValue().path("sizes")) {
                faster |= size.path("speedupLow").asDouble() >= 1.1;
                allEquivalent &= size.path("speedupLow").asDouble() >= 0.8 && size.path("speedupHigh").asDouble() <= 1.25;
            }
            if (faster) {
                assertEquals("faster", verdict, rule.getKey());
            } else if (allEquivalent) {
                assertEquals("equivalent", verdict, rule.getKey());
            } else {
                assertEquals("inconclusive", verdict, rule.getKey());
                String reason = rule.getValue().path("reason").asText();
                rule.getValue().path("sizes").forEach(size -> {
                    if (size.path("verdict").asText().equals("inconclusive")) {
                        assertTrue(reason.contains("n=" + size.path("n").asLong() + ": ")
                                && reason.contains("stopped by the"), rule.getKey() + ": " + reason);
                    }
                });
            }
        });
    }

    @Test
    void theShippedCalibrationCoversEveryRuleOnce() throws Exception {
        JsonNode shipped = new ObjectMapper().readTree(SHIPPED.toFile());
        assertEquals(CalibrationBuilder.SCHEMA, shipped.path("schema").asInt());
        List<String> ids = new ArrayList<>();
        shipped.path("rules").fieldNames().forEachRemaining(ids::add);
        shipped.path("unmeasured").fieldNames().forEachRemaining(ids::add);
        assertEquals(new ArrayList<>(engineRules()), ids.stream().sorted().toList(), "each rule exactly once");
        assertTrue(Set.of("quick", "full").contains(shipped.path("source").path("mode").asText()));
        shipped.path("rules").forEach(rule -> rule.path("sizes").forEach(size -> {
            double low = size.path("speedupLow").asDouble();
            double high = size.path("speedupHigh").asDouble();
            assertTrue(size.path("speedupLow").isNumber() && size.path("speedupHigh").isNumber(), size.toString());
            assertTrue(low > 0 && Double.isFinite(high) && low <= size.path("speedup").asDouble()
                    && size.path("speedup").asDouble() <= high, "finite positive bounds around the figure: " + size);
            assertTrue(size.path("pairs").asInt() >= 3, size.toString());
        }));
    }
}
