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
            assertTrue(size.path("speedup").asDouble() > 0, size.toString());
            assertEquals(size.path("before").path("score").asDouble() / size.path("after").path("score").asDouble(),
                    size.path("speedup").asDouble(), size.path("speedup").asDouble() * 2e-3, size.toString());
        }));
    }
}
