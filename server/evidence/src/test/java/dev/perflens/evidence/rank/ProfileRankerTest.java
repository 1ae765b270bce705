package dev.perflens.evidence.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Hotness;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.evidence.CollapsedStackReader;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.HotnessIndexTest;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.source.WorkspaceSources;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture's real findings re-ranked by a profile of known shape (HotnessIndexTest.STACKS):
 * 80% on OrderMatcher.java:22, 10% on CsvImporter.java:32, nothing in ReportService.
 */
class ProfileRankerTest {
    static final Path PROJECT = Path.of("../../fixtures/projects/order-service").toAbsolutePath().normalize();
    private static Engine engine;
    private static HotnessIndex index;
    private static ProjectLayout layout;

    @BeforeAll
    static void setUp() throws Exception {
        // without calibration data: the severities here are the ranking's doing alone
        engine = new Engine(Guice.createInjector(new EngineModule()).getInstance(dev.perflens.engine.rule.RuleRegistry.class),
                new dev.perflens.engine.calibration.Calibrations(dev.perflens.engine.calibration.CalibrationData.EMPTY));
        layout = ProjectLayout.discover(PROJECT);
        Profile profile = CollapsedStackReader.read(Path.of("orders.collapsed"),
                new StringReader(HotnessIndexTest.STACKS), Metric.CPU);
        index = HotnessIndex.build(List.of(profile), WorkspaceSources.of(layout.sourceRoots()));
    }

    private static List<Finding> ranked(String file, Policy policy) throws IOException {
        Path path = HotnessIndexTest.SOURCES.resolve("com/example/orders/" + file);
        String text = Files.readString(path);
        FileAnalysis analysis = engine.analyze(path, text, ParseEnvironment.of(layout), policy, Cancellation.NONE);
        return new ProfileRanker(index, engine.registry().metadata()).rank(path, text, analysis.findings(), policy);
    }

    private static Finding at(List<Finding> findings, String ruleId, int line) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId) && f.range().startLine() + 1 == line)
                .findFirst().orElseThrow(() -> new AssertionError("no " + ruleId + " on line " + line + " in " + findings));
    }

    @Test
    void findingOnHotLinesIsRaisedAndSaysWhy() throws IOException {
        List<Finding> findings = ranked("OrderMatcher.java", Policy.defaults(PROJECT));
        Finding contains = at(findings, "list-membership-in-loop", 22);
        assertEquals(Severity.ERROR, contains.severity(), "warning raised one level");
        var weight = contains.impact().profile();
        assertNotNull(weight);
        assertEquals(0.85, weight.methodShare(), 1e-9);
        assertEquals(0.80, weight.lineShare(), 1e-9);
        assertEquals(0.85, weight.loopShare(), 1e-9, "the for-each loop spans lines 20-25");
        assertEquals(100, weight.totalSamples());
        assertEquals("~85% of CPU samples in OrderMatcher.matchOrders (profile orders.collapsed, 100 samples)",
                weight.headline());
        String text = contains.impact().text();
        assertTrue(text.startsWith("O(n*m) -> O(n+m) (complexity model declared by rule list-membership-in-loop); ~85%"), text);
        assertTrue(text.contains("80% on the flagged line, 85% in its loop"), text);
        assertTrue(text.contains("severity raised from warning to error: the flagged line is on 80% of CPU samples, "
                + "at or over the hot-code threshold of 5.0%"), text);
    }

    @Test
    void aLineTheCodeMadeLookColdIsRaisedFromTheRulesSeverityWhenTheProfileShowsItHot() throws IOException {
        Path path = HotnessIndexTest.SOURCES.resolve("com/example/orders/OrderMatcher.java");
        String text = Files.readString(path);
        Finding real = at(engine.analyze(path, text, ParseEnvironment.of(layout), Policy.defaults(PROJECT),
                Cancellation.NONE).findings(), "list-membership-in-loop", 22);
        var guess = new dev.perflens.engine.context.ExecutionContext(dev.perflens.engine.context.ExecutionContext.Kind.COLD,
                "inside a catch block", Severity.WARNING);
        Finding lookedCold = new Finding(real.ruleId(), real.file(), real.range(), "Scan. " + guess.sentence(),
                Severity.HINT, real.confidence(), real.impact(), real.fix(), guess);
        Finding ranked = new ProfileRanker(index, engine.registry().metadata())
                .rank(path, text, List.of(lookedCold), Policy.defaults(PROJECT)).get(0);
        assertEquals(Severity.ERROR, ranked.severity(), "the profile's measurement wins over the guess");
        assertEquals("Scan.", ranked.message(), "the cold-path sentence no longer holds");
        assertTrue(ranked.impact().text().contains("severity raised from hint to error: the code looked cold "
                + "(inside a catch block), but the flagged line is on 80% of CPU samples"), ranked.impact().text());
    }

    @Test
    void hotMethodMarksWhereTimeGoesEvenWithoutARule() throws IOException {
        List<Finding> findings = ranked("OrderMatcher.java", Policy.defaults(PROJECT));
        Finding hot = findings.stream().filter(f -> f.ruleId().equals(ProfileRanker.HOT_METHOD)).findFirst().orElseThrow();
        assertEquals(Severity.INFO, hot.severity());
        assertEquals(17, hot.range().startLine(), "on the name of matchOrders (zero-based line 17)");
        assertTrue(hot.message().startsWith("Hot method: ~85% of CPU samples in OrderMatcher.matchOrders "
                + "(profile orders.collapsed, 100 samples), counting its own code"), hot.message());
        assertTrue(hot.message().endsWith("hottest line 22."), hot.message());
        assertEquals(1, findings.stream().filter(f -> f.ruleId().equals(ProfileRanker.HOT_METHOD)).count(),
                "isWanted and the others have no samples");

        List<Finding> app = ranked("OrderServiceApp.java", Policy.defaults(PROJECT));
        assertTrue(app.stream().noneMatch(f -> f.ruleId().equals(ProfileRanker.HOT_METHOD)),
                "main is on every stack but its own share is 3%: " + app);
    }

    @Test
    void coldFindingsInASampledFileBecomeHints() throws IOException {
        List<Finding> findings = ranked("CsvImporter.java", Policy.defaults(PROJECT));
        assertEquals(Severity.ERROR, at(findings, "regex-in-loop", 32).severity(), "10% on line 32");
        assertEquals(Severity.WARNING, at(findings, "regex-in-loop", 26).severity(), "importOrders has samples");
        Finding cold = at(findings, "list-membership-in-loop", 68);
        assertEquals(Severity.HINT, cold.severity());
        assertTrue(cold.impact().text().contains("lowered from warning to hint: the profile has no samples in "
                + "CsvImporter.distinctCountries although it sampled this file"), cold.impact().text());
        assertEquals(Severity.HINT, at(findings, "regex-in-loop", 80).severity());
    }

    @Test
    void aFileWithoutSamplesKeepsItsSeveritiesAndSaysSo() throws IOException {
        List<Finding> findings = ranked("ReportService.java", Policy.defaults(PROJECT));
        assertEquals(4, findings.size());
        for (Finding finding : findings) {
            assertEquals(Severity.WARNING, finding.severity());
            assertEquals(0.0, finding.impact().profile().methodShare());
            assertTrue(finding.impact().text().contains("the profile has no samples in this file"), finding.impact().text());
        }
    }

    @Test
    void policyThresholdAndSwitchesAreHonoured() throws IOException {
        Policy strict = new Policy(PROJECT, Map.of(ProfileRanker.HOT_METHOD, new Policy.RuleSettings(false, null)), null,
                List.of(), List.of(), new Hotness(90, false));
        List<Finding> matcher = ranked("OrderMatcher.java", strict);
        assertEquals(Severity.WARNING, at(matcher, "list-membership-in-loop", 22).severity(), "80% < 90%");
        assertNull(at(matcher, "list-membership-in-loop", 22).impact().profile().rankingNote());
        assertTrue(matcher.stream().noneMatch(f -> f.ruleId().equals(ProfileRanker.HOT_METHOD)), "hot-method disabled");
        assertEquals(Severity.WARNING, at(ranked("CsvImporter.java", strict), "list-membership-in-loop", 68).severity(),
                "noSamplesAsHint off");
    }

    @Test
    void withoutProfilesFindingsAreUntouched() throws IOException {
        Path path = HotnessIndexTest.SOURCES.resolve("com/example/orders/OrderMatcher.java");
        String text = Files.readString(path);
        List<Finding> findings = engine.analyze(path, text, ParseEnvironment.of(layout), Cancellation.NONE).findings();
        assertEquals(findings, new ProfileRanker(HotnessIndex.empty(), engine.registry().metadata())
                .rank(path, text, findings, Policy.defaults(PROJECT)));
    }
}
