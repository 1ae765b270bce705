package dev.perflens.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.ProposedFix;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleRegistry;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Runs one rule over inline sources: findings against markers, fixes against expected output. */
public final class RuleTester {
    private static final Pattern TYPE_NAME = Pattern.compile("(?:class|record|enum|interface)\\s+(\\w+)");
    private final Rule rule;
    private final Engine engine;

    private RuleTester(Rule rule) {
        this.rule = rule;
        this.engine = new Engine(new RuleRegistry(Set.of(rule)), new dev.perflens.engine.calibration.Calibrations(
                dev.perflens.engine.calibration.CalibrationData.EMPTY)); // rules are tested without calibration
    }

    public static RuleTester of(Rule rule) {
        return new RuleTester(rule);
    }

    /**
     * The JDK plus the jars on the test class path, so rules about library APIs (JDBC drivers,
     * loggers, JPA) see the real types when a test-scoped dependency provides them.
     */
    static final ParseEnvironment ENVIRONMENT = new ParseEnvironment(List.of(), testClasspathJars(),
            org.eclipse.jdt.core.JavaCore.latestSupportedJavaVersion());

    private static List<Path> testClasspathJars() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).map(Path::of).toList();
    }

    public FileAnalysis analyze(String source) {
        return engine.analyze(fileFor(source), source, ENVIRONMENT, Cancellation.NONE);
    }

    /** Findings of the rule must sit exactly on the lines after its markers, and nowhere else. */
    public void expectMarkedFindings(String source) {
        FileAnalysis analysis = analyze(source);
        List<String> actual = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            actual.add(ExpectedFindings.entry(finding.range().startLine(), finding.ruleId()));
        }
        actual.sort(null);
        assertEquals(ExpectedFindings.in(source), actual,
                () -> "findings differ; problems: " + analysis.problems() + "; findings: " + analysis.findings());
    }

    /** The one finding with a fix in {@code before} is fixed to exactly {@code after}, which compiles and is clean. */
    public void expectFix(String before, String after) {
        assertEquals(after, applyOnlyFix(before));
        assertCompiles(after);
        assertTrue(analyze(after).findings().isEmpty(), () -> "fixed source still has findings: " + analyze(after).findings());
    }

    /** Every finding in {@code source} is reported without a fix, with a reason containing {@code why}. */
    public void expectNoFix(String source, String why) {
        List<Finding> findings = analyze(source).findings();
        assertTrue(!findings.isEmpty(), "expected a finding");
        for (Finding finding : findings) {
            assertTrue(!finding.fix().available(), () -> "fix unexpectedly offered for " + finding);
            String reason = String.valueOf(finding.fix().unavailableReason());
            assertTrue(reason.contains(why), () -> "reason '" + reason + "' does not mention '" + why + "'");
        }
    }

    public String applyOnlyFix(String before) {
        List<Finding> fixable = analyze(before).findings().stream().filter(f -> f.fix().available()).toList();
        if (fixable.isEmpty()) {
            fail("no finding with a fix; findings: " + analyze(before).findings());
        }
        ProposedFix fix = engine.computeFix(fileFor(before), before, ENVIRONMENT,
                fixable.get(0).key(), Cancellation.NONE).orElseThrow();
        return fix.applyTo(before);
    }

    private static Path fileFor(String source) {
        Matcher name = TYPE_NAME.matcher(source);
        return Path.of("/inline", (name.find() ? name.group(1) : "Test") + ".java");
    }

    public static void assertCompiles(String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path output;
        try {
            output = Files.createTempDirectory("perflens-compile");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + fileFor(source).getFileName()),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = compiler.getTask(null, null, diagnostics, List.of("-d", output.toString(), "-proc:none",
                "-classpath", System.getProperty("java.class.path")),
                null, List.of(file)).call();
        if (!ok) {
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                errors.append("line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            fail("does not compile:\n" + errors + "\n" + source);
        }
    }
}
