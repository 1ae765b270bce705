package dev.perflens.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.sandbox.SandboxCompiler;
import dev.perflens.bench.sandbox.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated harnesses compile, with JMH's annotation processor, against the code they call. */
class HarnessGeneratorTest {
    static final Path ORDER_SERVICE = Path.of("../../fixtures/projects/order-service/src/main/java");

    static final String EDGE_CASES = """
            package demo.edge;

            import java.util.*;

            public class Edge {
                private final String prefix;

                Edge(String prefix) {
                    this.prefix = prefix;
                }

                private static long sum(int[] values, Map.Entry<String, Integer> entry, String... more) {
                    long total = 0;
                    for (int v : values) {
                        total += v;
                    }
                    return total + more.length;
                }

                void log(List<Row> rows) {
                    for (Row row : rows) {
                        System.out.print("");
                    }
                }

                private static final class Nested {
                    private Set<Row> distinct(Collection<Row> rows) {
                        return new HashSet<>(rows);
                    }
                }

                private record Row(String id, double price) {
                }
            }
            """;

    @Test
    void generatedHarnessesCompileWithTheJmhProcessor(@TempDir Path sandbox) throws Exception {
        String orderMatcher = Files.readString(ORDER_SERVICE.resolve("com/example/orders/OrderMatcher.java"));
        MethodUnderTest matchOrders = MethodLocator.at(orderMatcher, orderMatcher.indexOf("wantedIds.contains"));
        HarnessGenerator.Harness harness = HarnessGenerator.generate(matchOrders, List.of(10, 1000));
        assertEquals("com.example.orders.PerflensBenchmark_OrderMatcher_matchOrders.measure", harness.benchmarkName());
        assertTrue(harness.source().contains("@org.openjdk.jmh.annotations.Param({ \"10\", \"1000\" })"), harness.source());
        assertTrue(harness.source().contains("blackhole.consume(receiver.matchOrders(arg_orders, arg_wantedIds));"),
                harness.source());

        List<Path> sources = new ArrayList<>();
        sources.add(write(sandbox.resolve("harness"), harness));
        Path edgeRoot = sandbox.resolve("edge-src");
        Path edgeFile = edgeRoot.resolve("demo/edge/Edge.java");
        for (String marker : List.of("long total = 0", "System.out.print", "new HashSet<>(rows)")) {
            MethodUnderTest method = MethodLocator.at(EDGE_CASES, EDGE_CASES.indexOf(marker));
            sources.add(write(sandbox.resolve("harness"), HarnessGenerator.generate(method, List.of(1, 2))));
        }
        MethodUnderTest any = MethodLocator.at(EDGE_CASES, EDGE_CASES.indexOf("new HashSet<>(rows)"));
        Files.createDirectories(edgeFile.getParent());
        // the sandbox copy is widened for every benchmarked method; here one pass per method in turn
        String widened = EDGE_CASES;
        for (String marker : List.of("long total = 0", "System.out.print", "new HashSet<>(rows)")) {
            widened = MethodLocator.widenAccess(widened, MethodLocator.at(widened, widened.indexOf(marker)));
        }
        Files.writeString(edgeFile, widened);
        sources.add(edgeFile);

        Toolchain toolchain = Toolchain.locate();
        Path classes = sandbox.resolve("classes");
        SandboxCompiler.compile(sources, List.of(ORDER_SERVICE.toAbsolutePath(), edgeRoot), toolchain.benchmarkClasspath(),
                toolchain.processorPath(), classes, sandbox.resolve("generated"), "the harnesses");
        String benchmarks = Files.readString(classes.resolve("META-INF/BenchmarkList"));
        assertTrue(benchmarks.contains("PerflensBenchmark_OrderMatcher_matchOrders"), benchmarks);
        assertTrue(benchmarks.contains("PerflensBenchmark_Edge_Nested_distinct"), benchmarks);
        assertTrue(Files.exists(classes.resolve("com/example/orders/jmh_generated")));
        assertEquals(any.typeNames(), List.of("Edge", "Nested"));
    }

    @Test
    void compileErrorsAreReportedWithFileAndLine(@TempDir Path sandbox) throws IOException {
        Path broken = sandbox.resolve("src/demo/Broken.java");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "package demo;\nclass Broken {\n  int x = \"no\";\n}\n");
        BenchmarkException error = org.junit.jupiter.api.Assertions.assertThrows(BenchmarkException.class,
                () -> SandboxCompiler.compile(List.of(broken), List.of(), List.of(), null, sandbox.resolve("out"), null,
                        "the original"));
        assertEquals(BenchmarkException.Kind.COMPILE, error.kind());
        assertTrue(error.getMessage().contains("Broken.java:3: "), error.getMessage());
    }

    private static Path write(Path root, HarnessGenerator.Harness harness) throws IOException {
        Path file = root.resolve(harness.relativePath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, harness.source());
        return file;
    }
}
