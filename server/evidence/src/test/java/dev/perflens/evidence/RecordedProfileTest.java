package dev.perflens.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.evidence.source.WorkspaceSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a real profile: compiles the order-service fixture, runs it for a few seconds in a
 * child JVM with -XX:StartFlightRecording, imports the recording and checks that the fixture's
 * known hot method comes out on top at the right file and line.
 */
class RecordedProfileTest {
    static final Path PROJECT = Path.of("../../fixtures/projects/order-service").toAbsolutePath().normalize();
    static final Path SOURCES = PROJECT.resolve("src/main/java");
    static final Path SETTINGS = Path.of("../../fixtures/profiles/perflens.jfc").toAbsolutePath().normalize();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void recordedHotMethodIsOnTopAtTheRightLine(@TempDir Path work) throws Exception {
        Path classes = compileFixture(work);
        Path recording = work.resolve("order-service.jfr");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // DebugNonSafepoints: compiled code reports the line it runs, not the nearest safepoint
        // (a loop's back edge), as every sampling profiler recommends
        Process child = new ProcessBuilder(java.toString(), "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                "-XX:StartFlightRecording=settings=" + SETTINGS + ",filename=" + recording + ",dumponexit=true",
                "-cp", classes.toString(), "com.example.orders.OrderServiceApp", "3")
                .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the fixture did not finish");
        assertEquals(0, child.exitValue(), () -> read(work.resolve("child.log")));

        Profile profile = ProfileReader.read(recording);
        assertTrue(profile.totalEvents(Metric.CPU) >= 30, "too few samples to judge: " + profile.summary());
        HotnessIndex index = HotnessIndex.build(List.of(profile), WorkspaceSources.of(List.of(SOURCES)));
        MethodHotness top = index.hotspots(Metric.CPU, 1).get(0);

        Path matcher = SOURCES.resolve("com/example/orders/OrderMatcher.java");
        assertEquals("OrderMatcher.matchOrders", top.name(), () -> "hotspots: " + index.hotspots(Metric.CPU, 5));
        assertEquals(matcher, top.file());
        assertEquals(lineOf(matcher, "public List<Order> matchOrders("), top.declaration().startLine());
        assertEquals(lineOf(matcher, "if (wantedIds.contains(order.id()))"), top.hottestLine(),
                "the list scan is where the samples land");
        assertTrue(top.selfShare(Metric.CPU) > 0.5, "matchOrders dominates: " + top.selfShare(Metric.CPU));
    }

    static Path compileFixture(Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(arguments::add);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(String[]::new)), "fixture compiles");
        return classes;
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
