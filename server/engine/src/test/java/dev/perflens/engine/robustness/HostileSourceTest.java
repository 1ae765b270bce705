package dev.perflens.engine.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.Problem;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken, huge and deeply nested sources: the engine answers, never throws. */
@Timeout(120)
class HostileSourceTest {
    private static final Engine ENGINE = Guice.createInjector(new EngineModule()).getInstance(Engine.class);

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("syntax errors everywhere", (Supplier<String>) () -> "class { void ( { for ( += ;; ) } } } }"
                        .repeat(200)),
                Arguments.of("50,000-line generated file", (Supplier<String>) HostileSourceTest::generated),
                Arguments.of("5,000 nested parentheses", (Supplier<String>) () ->
                        "class P { int x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "; }"),
                Arguments.of("deeply nested lambdas", (Supplier<String>) () -> {
                    StringBuilder s = new StringBuilder("import java.util.function.*; class L { Supplier<Object> s = ");
                    s.append("() -> ".repeat(2000)).append("null;}");
                    return s.toString();
                }),
                Arguments.of("binary file named .java", (Supplier<String>) () -> {
                    byte[] bytes = new byte[100_000];
                    new Random(1).nextBytes(bytes);
                    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                }),
                Arguments.of("empty file", (Supplier<String>) () -> ""),
                Arguments.of("deeply nested blocks and loops", (Supplier<String>) () ->
                        "class B { void m(String s) { " + "for (;;) { ".repeat(3000) + "s += s;" + "}".repeat(3000) + "} }"));
    }

    private static String generated() {
        StringBuilder s = new StringBuilder("import java.util.*;\nclass Big {\n");
        for (int i = 0; i < 10_000; i++) {
            s.append("  String m").append(i).append("(List<String> xs) {\n")
                    .append("    String out = \"\";\n")
                    .append("    for (String x : xs) { out += x; }\n")
                    .append("    return out;\n  }\n");
        }
        return s.append("}\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void analysisAnswersWithFindingsOrProblems(String name, Supplier<String> source) {
        String text = source.get();
        long start = System.nanoTime();
        FileAnalysis analysis = ENGINE.analyze(Path.of("/hostile/H.java"), text, ParseEnvironment.jdkOnly(),
                Cancellation.NONE.withBudget(Duration.ofSeconds(2)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean skipped = analysis.problems().stream().anyMatch(p -> p.kind() == Problem.Kind.SKIPPED);
        assertTrue(!skipped || analysis.findings().isEmpty(), "a skipped file has no findings");
        System.out.printf("%s: %d findings, %d problems%s, %d ms%n", name, analysis.findings().size(),
                analysis.problems().size(), skipped ? " (skipped)" : "", millis);
        for (Finding finding : analysis.findings()) {
            assertTrue(finding.range().end() <= text.length(), finding.toString());
        }
        for (Problem problem : analysis.problems()) {
            assertTrue(problem.range().end() <= text.length(), problem.toString());
        }
    }
}
