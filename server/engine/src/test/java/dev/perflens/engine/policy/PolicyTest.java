package dev.perflens.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.Severity;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final Path ROOT = Path.of("/work/project").toAbsolutePath();
    private static final Path FILE = ROOT.resolve("src/main/java/p/Report.java");
    private static final String SOURCE = """
            package p;

            class Report {
                String join(java.util.List<String> lines) {
                    String out = "";
                    for (String line : lines) {
                        out += line.split(",\\\\s*")[0];
                    }
                    return out;
                }
            }
            """;
    /** Without calibration data: these tests are about what the policy does to severities. */
    private final Engine engine = new Engine(Guice.createInjector(new EngineModule())
            .getInstance(dev.perflens.engine.rule.RuleRegistry.class),
            new dev.perflens.engine.calibration.Calibrations(dev.perflens.engine.calibration.CalibrationData.EMPTY));

    private List<Finding> analyze(Policy policy) {
        FileAnalysis analysis = engine.analyze(FILE, SOURCE, ParseEnvironment.jdkOnly(), policy, Cancellation.NONE);
        return analysis.findings();
    }

    @Test
    void defaultsReportEveryRuleAtItsSeverityWithFixes() {
        List<Finding> findings = analyze(Policy.defaults(ROOT));
        assertEquals(List.of("regex-in-loop", "string-concat-in-loop"),
                findings.stream().map(Finding::ruleId).sorted().toList());
        assertTrue(findings.stream().allMatch(f -> f.severity() == Severity.WARNING && f.fix().available()));
    }

    @Test
    void rulesCanBeDisabledAndTheirSeverityChanged() {
        Policy policy = new Policy(ROOT, Map.of(
                "regex-in-loop", new Policy.RuleSettings(false, null),
                "string-concat-in-loop", new Policy.RuleSettings(null, Severity.ERROR)), null, List.of(), List.of());
        List<Finding> findings = analyze(policy);
        assertEquals(1, findings.size());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertTrue(engine.computeFix(FILE, SOURCE, ParseEnvironment.jdkOnly(), policy,
                "regex-in-loop@0+1", Cancellation.NONE).isEmpty());
    }

    @Test
    void protectedPathsKeepFindingsButOfferNoFix() {
        Policy policy = new Policy(ROOT, Map.of(), null, List.of("src/main/java/p/**"), List.of());
        List<Finding> findings = analyze(policy);
        assertEquals(2, findings.size());
        for (Finding finding : findings) {
            assertFalse(finding.fix().available());
            assertTrue(finding.fix().unavailableReason().contains("protected path 'src/main/java/p/**'"));
            assertTrue(engine.computeFix(FILE, SOURCE, ParseEnvironment.jdkOnly(), policy, finding.key(),
                    Cancellation.NONE).isEmpty());
        }
    }

    @Test
    void deniedFixKindsAreNotOfferedAndTheFindingSaysThePolicyWithholdsThem() {
        Policy policy = new Policy(ROOT, Map.of(), null, List.of(), List.of(), null, null,
                java.util.Set.of(dev.perflens.engine.fix.FixKind.INTRODUCE_STATIC_FIELD));
        List<Finding> findings = analyze(policy);
        assertEquals(2, findings.size());
        Finding regex = findings.stream().filter(f -> f.ruleId().equals("regex-in-loop")).findFirst().orElseThrow();
        assertFalse(regex.fix().available());
        assertEquals("the team policy withholds fixes of kind 'introduce-static-field' (fixes.deny in .perflens.json)",
                regex.fix().unavailableReason());
        assertTrue(engine.computeFix(FILE, SOURCE, ParseEnvironment.jdkOnly(), policy, regex.key(), Cancellation.NONE).isEmpty());
        Finding concat = findings.stream().filter(f -> f.ruleId().equals("string-concat-in-loop")).findFirst().orElseThrow();
        assertTrue(concat.fix().available(), "another kind of fix (introduce-local) is still offered");
        assertTrue(engine.computeFix(FILE, SOURCE, ParseEnvironment.jdkOnly(), policy, concat.key(), Cancellation.NONE)
                .isPresent());
    }

    @Test
    void excludedFilesAreNotAnalysed() {
        assertTrue(analyze(new Policy(ROOT, Map.of(), null, List.of(), List.of("**/p/*.java"))).isEmpty());
        assertEquals(2, analyze(new Policy(ROOT, Map.of(), null, List.of(), List.of("**/q/*.java"))).size());
    }
}
