package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.lsp.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Perflens on a Java runtime without javac (a JRE: no jdk.compiler module, built here with
 * jlink): the benchmark's sandbox compiles with the Eclipse compiler shipped with JDT, the JMH
 * fork runs on that runtime, and the measured result comes back.
 */
class JreWithoutJavacTest {
    private static final Path RUNTIME = Path.of("target", "jre-without-javac").toAbsolutePath();
    private static final String MODULES = "java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.zipfs";

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void benchmarkRunsOnARuntimeWithoutJavac(@TempDir Path project) throws Exception {
        Path java = runtimeWithoutJavac();
        String modules = output(List.of(java.toString(), "--list-modules"), RUNTIME.getParent(), 60);
        assertFalse(modules.contains("jdk.compiler"), modules);
        assertFalse(Files.exists(RUNTIME.resolve("bin/javac")));

        Fixtures.copyTree(Fixtures.ORDER_SERVICE, project);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.perflens.lsp.Main", "bench", project.toString(),
                "--method", "com.example.orders.OrderMatcher#matchOrders", "--forks", "1", "--warmup", "1",
                "--warmup-ms", "50", "--iterations", "2", "--iteration-ms", "50", "--sizes", "10"));
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("| 10 | "), "a measured row for n=10: " + output);
        assertFalse(output.contains("no Java compiler"), output);
    }

    /** jlink's output is kept under target/ and reused by later runs of the same build. */
    private static Path runtimeWithoutJavac() throws IOException, InterruptedException {
        Path java = RUNTIME.resolve("bin/java");
        if (Files.isExecutable(java)) {
            return java;
        }
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        assertTrue(Files.isExecutable(jlink), "the build JDK has jlink: " + jlink);
        Path partial = RUNTIME.resolveSibling(RUNTIME.getFileName() + ".partial");
        deleteTree(partial);
        output(List.of(jlink.toString(), "--add-modules", MODULES, "--no-header-files", "--no-man-pages",
                "--strip-debug", "--output", partial.toString()), RUNTIME.getParent(), 300);
        Files.move(partial, RUNTIME);
        return java;
    }

    private static String output(List<String> command, Path directory, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + text);
        return text;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
