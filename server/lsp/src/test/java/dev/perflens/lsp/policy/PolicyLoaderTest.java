package dev.perflens.lsp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.BenchSettings;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Hotness;
import dev.perflens.engine.policy.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {
    private static final Path ROOT = Path.of("/w").toAbsolutePath();
    private static final Set<String> RULES = Set.of("regex-in-loop", "string-concat-in-loop");

    @Test
    void readsEverySetting() {
        PolicyLoader.Loaded loaded = PolicyLoader.parse(ROOT, """
                {
                  "$schema": "./docs/perflens.schema.json",
                  "rules": {
                    "regex-in-loop": {"enabled": false},
                    "string-concat-in-loop": {"severity": "error"}
                  },
                  "maxFixLines": 12,
                  "protectedPaths": ["src/generated/**"],
                  "exclude": ["**/legacy/**"],
                  "hotness": {"thresholdPercent": 12.5, "noSamplesAsHint": false}
                }
                """, RULES);
        assertEquals(List.of(), loaded.problems());
        Policy policy = loaded.policy();
        assertFalse(policy.isEnabled("regex-in-loop"));
        assertEquals(Severity.ERROR, policy.severity("string-concat-in-loop", Severity.WARNING));
        assertEquals(12, policy.maxFixLines());
        assertTrue(policy.protectingGlob(ROOT.resolve("src/generated/A.java")).isPresent());
        assertTrue(policy.isExcluded(ROOT.resolve("src/main/java/legacy/Old.java")));
        assertEquals(new Hotness(12.5, false), policy.hotness());
    }

    @Test
    void hotnessDefaultsAndProblems() {
        assertEquals(Hotness.DEFAULTS, PolicyLoader.parse(ROOT, "{}", RULES).policy().hotness());
        assertEquals(5.0, Hotness.DEFAULTS.thresholdPercent());
        assertTrue(Hotness.DEFAULTS.noSamplesAsHint());
        PolicyLoader.Loaded bad = PolicyLoader.parse(ROOT, """
                {"hotness": {
                  "thresholdPercent": 0,
                  "noSamplesAsHint": "yes",
                  "colour": 1}}
                """, RULES);
        assertEquals(List.of("hotness.thresholdPercent must be a number above 0 and at most 100",
                "hotness.noSamplesAsHint must be true or false",
                "unknown hotness setting 'colour' (known: thresholdPercent, noSamplesAsHint); ignored"),
                bad.problems().stream().map(PolicyLoader.PolicyProblem::message).toList());
        assertEquals(List.of(1, 2, 3), bad.problems().stream().map(PolicyLoader.PolicyProblem::line).toList());
        assertEquals(Hotness.DEFAULTS, bad.policy().hotness(), "wrong entries keep their defaults");
    }

    @Test
    void fixesDenyReadsKindsAndNamesUnknownOnesAndTheSchemaListsEveryKind() throws java.io.IOException {
        PolicyLoader.Loaded loaded = PolicyLoader.parse(ROOT, """
                {"fixes": {"deny": ["introduce-static-field", "rewrite-loop", "rewrite-everything"], "cap": 3}}
                """, RULES);
        assertEquals(java.util.Set.of(dev.perflens.engine.fix.FixKind.INTRODUCE_STATIC_FIELD,
                dev.perflens.engine.fix.FixKind.REWRITE_LOOP), loaded.policy().deniedFixes());
        assertEquals(List.of("unknown fix kind 'rewrite-everything' (known: replace-expression, introduce-local,"
                        + " introduce-static-field, change-collection-type, change-local-type, reorder-statements, rewrite-loop,"
                        + " wrap-stream); ignored", "unknown key 'fixes.cap' (known: deny); ignored"),
                loaded.problems().stream().map(PolicyLoader.PolicyProblem::message).toList());
        String schema = java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/perflens.schema.json"));
        for (dev.perflens.engine.fix.FixKind kind : dev.perflens.engine.fix.FixKind.values()) {
            assertTrue(schema.contains("\"" + kind.id() + "\""), kind.id() + " is missing from the schema's fixes.deny");
        }
    }

    @Test
    void testsSettingDefaultsToHintAndRejectsOtherValues() {
        assertEquals(Policy.TestSources.HINT, PolicyLoader.parse(ROOT, "{}", RULES).policy().tests());
        assertEquals(Policy.TestSources.EXCLUDE,
                PolicyLoader.parse(ROOT, "{\"tests\": \"exclude\"}", RULES).policy().tests());
        PolicyLoader.Loaded bad = PolicyLoader.parse(ROOT, "{\"tests\": true}", RULES);
        assertEquals(Policy.TestSources.HINT, bad.policy().tests());
        assertTrue(bad.problems().get(0).message().startsWith("tests must be \"hint\""), bad.problems().toString());
    }

    @Test
    void readsBenchmarkSettingsThatRequestsCanOverride() {
        PolicyLoader.Loaded loaded = PolicyLoader.parse(ROOT, """
                {"benchmark": {"mode": "thorough", "forks": 3, "sizes": [100, 5000], "maxCallMillis": 80,
                               "profileGc": false, "regressionThreshold": 0.05, "classpath": ["lib/*"]}}
                """, RULES);
        assertEquals(List.of(), loaded.problems());
        BenchSettings settings = BenchSettings.resolve(loaded.benchmark(),
                new BenchSettings.Overrides(null, 1, null, null, null, null, null, null, null, null, null, null, null));
        assertEquals("thorough", settings.mode());
        assertEquals(1, settings.forks(), "the request wins over the file");
        assertEquals(List.of(100, 5000), settings.sizes());
        assertEquals(80, settings.maxCallMillis());
        assertEquals(500, settings.iterationMillis(), "thorough's default");
        assertFalse(settings.profileGc());
        assertEquals(0.05, settings.regressionThreshold());
        assertEquals(List.of("lib/*"), settings.classpath());
        BenchSettings none = BenchSettings.resolve(BenchSettings.Overrides.NONE);
        assertEquals("quick", none.mode(), "without settings: quick");
        assertEquals(25, none.maxCallMillis(), "the call cap follows the iteration time: 100 ms / 4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid JSON|{\\n  \"rules\": {,\\n}|1|invalid JSON|true",
            "not an object|[1, 2]|0|must be a JSON object|true",
            "unknown key|{\\n  \"maxFixLine\": 3\\n}|1|unknown key 'maxFixLine'|false",
            "unknown rule|{\"rules\": {\\n \"no-such-rule\": {}}}|1|unknown rule id 'no-such-rule'|false",
            "bad severity|{\"rules\": {\"regex-in-loop\": {\\n\"severity\": \"loud\"}}}|1|severity must be one of|false",
            "bad maxFixLines|{\"maxFixLines\": 0}|0|maxFixLines must be a whole number|false",
            "bad glob|{\\n\\n\"exclude\": [\"src/[\"]}|2|invalid glob 'src/['|false",
            "benchmark not an object|{\"benchmark\": 3}|0|benchmark must be an object|false",
            "benchmark unknown key|{\"benchmark\": {\\n\"fork\": 3}}|1|unknown benchmark setting 'fork'|false",
            "benchmark wrong type|{\"benchmark\": {\\n\"forks\": \"two\"}}|1|benchmark.forks must be a whole number|false",
            "benchmark out of range|{\\n\"benchmark\": {\"forks\": 0}}|1|benchmark.forks must be from 1 to 50, not 0; the default is used|false",
            "benchmark bad sizes|{\"benchmark\": {\\n\"sizes\": [10, \"x\"]}}|1|benchmark.sizes must be an array of whole numbers|false"})
    void problemsNameTheLineAndKeepDefaults(String name, String text, int line, String message, boolean allDefaults) {
        PolicyLoader.Loaded loaded = PolicyLoader.parse(ROOT, text.replace("\\n", "\n"), RULES);
        assertEquals(1, loaded.problems().size(), () -> loaded.problems().toString());
        PolicyLoader.PolicyProblem problem = loaded.problems().get(0);
        assertEquals(line, problem.line(), problem.toString());
        assertTrue(problem.message().contains(message), problem.message());
        if (allDefaults) {
            assertTrue(problem.message().contains("defaults are in force"), problem.message());
        }
        assertNull(loaded.policy().maxFixLines());
        assertTrue(loaded.policy().isEnabled("regex-in-loop"));
    }
}
