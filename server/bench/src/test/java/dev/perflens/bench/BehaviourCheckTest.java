package dev.perflens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.behaviour.Behaviour;
import dev.perflens.bench.result.Verdict;
import dev.perflens.bench.runtime.BehaviourProbe;
import dev.perflens.engine.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real runner on fixes that change what the method does, each in a way one of the
 * generator's input shapes exposes: the behaviour check compares both variants on the same inputs,
 * the verdict is rejected with the reason first, and nothing is timed (no JMH fork runs).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BehaviourCheckTest {
    @TempDir
    Path project;

    /** Order: equals by id, hashCode left as Object's (the case: a HashSet misses equal orders). */
    private static final String ORDER = """
            package demo;

            public class Order {
                private final String id;
                private final int quantity;

                public Order(String id, int quantity) {
                    this.id = id;
                    this.quantity = quantity;
                }

                @Override
                public boolean equals(Object other) {
                    return other instanceof Order o && o.id.equals(id);
                }
            }
            """;

    static Stream<Arguments> fixesThatChangeBehaviour() {
        return Stream.of(
                // a HashSet over a type whose hashCode disagrees with equals
                Arguments.of("""
                        int r = 0;
                        for (Order o : orders) { if (wanted.contains(o)) r++; }
                        return r;""", """
                        java.util.Set<Order> set = new java.util.HashSet<>(wanted);
                        int r = 0;
                        for (Order o : orders) { if (set.contains(o)) r++; }
                        return r;""", "List<Order> orders, List<Order> wanted", "the result"),
                // breaks on the empty input: the original answers -1, the fix throws
                Arguments.of("""
                        int best = -1;
                        for (int v : values) { best = Math.max(best, v); }
                        return best;""", """
                        return java.util.Collections.max(values);""", "List<Integer> values", "the call's outcome"),
                // breaks on null elements: equals called on a null element
                Arguments.of("""
                        int r = 0;
                        for (String s : words) { if (java.util.Objects.equals(s, key)) r++; }
                        return r;""", """
                        int r = 0;
                        for (String s : words) { if (s.equals(key)) r++; }
                        return r;""", "List<String> words, String key", "the call's outcome"),
                // the same answer, but the caller's list is sorted in place afterwards
                Arguments.of("""
                        return words.isEmpty() ? null : java.util.Collections.min(words);""", """
                        if (words.isEmpty()) return null;
                        java.util.Collections.sort(words);
                        return words.get(0);""", "List<String> words", "the arguments' state after the call"));
    }

    @ParameterizedTest
    @MethodSource("fixesThatChangeBehaviour")
    void aFixThatChangesBehaviourIsRejectedBeforeItIsTimed(String before, String after, String parameters,
                                                           String what) throws Exception {
        String original = source(parameters, before);
        String fixed = source(parameters, after);
        Path file = project.resolve("src/main/java/demo/Shop.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, original);
        Files.writeString(project.resolve("src/main/java/demo/Order.java"), ORDER);
        BenchmarkJob job = new BenchmarkJob(project, List.of(project.resolve("src/main/java")), file, original, fixed,
                original.indexOf("public static"), "demo-rule", "k", "the fix");
        List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
        BenchmarkReport report = new BenchmarkRunner().run(job, settings(), new BenchmarkListener() {
            @Override
            public void progress(String phase, int percent) {
                phases.add(phase);
            }
        }, Cancellation.NONE);

        assertEquals(Verdict.REJECTED, report.verdict(), report.summary());
        Behaviour behaviour = report.behaviour();
        assertEquals(Behaviour.Verdict.CHANGED, behaviour.verdict());
        assertTrue(report.summary().startsWith("the fix changes behaviour: " + what + " differs on "),
                report.summary());
        assertTrue(report.sizes().isEmpty(), "nothing timed");
        assertTrue(phases.stream().noneMatch(p -> p.startsWith("fork")), "no JMH fork ran: " + phases);
        Behaviour.Outputs outputs = behaviour.outputs();
        assertTrue(outputs.compared() >= 2 * BehaviourProbe.PER_SIZE, "50 inputs per size, two sizes: " + outputs);
        assertTrue(outputs.differing() >= 1, outputs.toString());
        assertNotNull(outputs.example());
        assertEquals(what, outputs.example().what());
        assertTrue(!outputs.example().original().equals(outputs.example().fixed()), outputs.example().toString());
        String markdown = MarkdownReport.render(report);
        assertTrue(markdown.contains("**rejected**"), markdown);
    }

    private static String source(String parameters, String body) {
        return "package demo;\n\nimport java.util.List;\n\npublic class Shop {\n    public static Object find("
                + parameters + ") {\n" + body.indent(8) + "    }\n}\n";
    }

    private static BenchSettings settings() {
        return BenchSettings.resolve(new BenchSettings.Overrides(null, 1, 1, 10, 1, 10, List.of(10, 100), 25, 256,
                120, false, null, null));
    }
}
