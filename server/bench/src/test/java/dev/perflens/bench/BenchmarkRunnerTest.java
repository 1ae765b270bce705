package dev.perflens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner (compile, probe, forked JMH JVMs) on a tiny project, for the ways a benchmark
 * ends without a result: timed out, inputs that cannot be generated. Every JVM it started must be
 * gone afterwards. (Cancellation: ForkedJvmTest kills a JVM tree, and the server's end-to-end test
 * cancels a running JMH fork through both LSP cancel paths.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchmarkRunnerTest {
    static final String SLOW = """
            package demo;

            import java.io.InputStream;

            public class Slow {
                public static int pause(int millis) throws InterruptedException {
                    Thread.sleep(20);
                    return millis;
                }

                public static int firstByte(InputStream in) throws java.io.IOException {
                    return in.read();
                }

                public static int boom(int n) {
                    throw new IllegalStateException("boom at " + n);
                }

                public static int leave(int n) {
                    System.exit(3);
                    return n;
                }

                public static int hog(int n) {
                    java.util.List<long[]> kept = new java.util.ArrayList<>();
                    while (true) {
                        kept.add(new long[1 << 20]);
                    }
                }
            }
            """;

    @TempDir
    Path project;
    private Path file;

    @BeforeEach
    void writeProject() throws Exception {
        file = project.resolve("src/main/java/demo/Slow.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SLOW);
    }

    private BenchmarkJob job(String marker) {
        return new BenchmarkJob(project, List.of(project.resolve("src/main/java")), file, SLOW, null,
                SLOW.indexOf(marker), null, null, null);
    }

    /** Long iterations: a fork runs until something stops it. */
    private static BenchSettings longRunning(int timeoutSeconds) {
        return BenchSettings.resolve(new BenchSettings.Overrides(null, 1, 1, 1000, 100, 1000, List.of(1), 1000, 128,
                timeoutSeconds, false, null, null));
    }

    private static final class Recorder implements BenchmarkListener {
        final List<ProcessHandle> processes = new CopyOnWriteArrayList<>();
        final List<String> phases = new CopyOnWriteArrayList<>();
        volatile int lastPercent;

        @Override
        public void progress(String phase, int percent) {
            assertTrue(percent >= lastPercent, "progress never goes back");
            lastPercent = percent;
            phases.add(phase);
        }

        @Override
        public void processStarted(ProcessHandle process) {
            processes.add(process);
        }

        void assertAllGone() {
            assertFalse(processes.isEmpty(), "JVMs were started");
            processes.forEach(p -> assertFalse(p.isAlive(), "the forked JVM " + p.pid() + " is gone"));
        }
    }

    @Test
    void wallClockLimitKillsTheJvmAndSaysWhatToChange() {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        BenchmarkException error = assertThrows(BenchmarkException.class,
                () -> new BenchmarkRunner().run(job("Thread.sleep"), longRunning(12), recorder, Cancellation.NONE));
        assertEquals(BenchmarkException.Kind.TIMEOUT, error.kind());
        assertTrue(error.getMessage().startsWith("the benchmark ran longer than its wall-clock limit of 12 s"
                + " (benchmark.timeoutSeconds); its JVM was killed."), error.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40), "stopped near the limit");
        recorder.assertAllGone();
    }

    /**
     * Code under test that throws, ends its JVM, or exhausts its heap: a RUN_FAILED error that
     * says what happened, and no JVM left behind (the server's own JVM is never the one that dies).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "throw new IllegalStateException|IllegalStateException",
            "System.exit(3)|System.exit",
            "kept.add(new long|OutOfMemoryError"})
    void codeThatThrowsExitsOrExhaustsTheHeapFailsCleanly(String marker, String said) {
        Recorder recorder = new Recorder();
        BenchmarkException error = assertThrows(BenchmarkException.class,
                () -> new BenchmarkRunner().run(job(marker), BenchSettings.quick(), recorder, Cancellation.NONE));
        assertEquals(BenchmarkException.Kind.RUN_FAILED, error.kind(), error.getMessage());
        assertTrue(error.getMessage().contains(said), error.getMessage());
        recorder.assertAllGone();
    }

    @Test
    void inputsThatCannotBeGeneratedGetAClearMessage() {
        Recorder recorder = new Recorder();
        BenchmarkException error = assertThrows(BenchmarkException.class,
                () -> new BenchmarkRunner().run(job("in.read()"), BenchSettings.quick(), recorder, Cancellation.NONE));
        assertEquals(BenchmarkException.Kind.INPUTS, error.kind());
        assertTrue(error.getMessage().startsWith("Perflens cannot generate parameter 'in' of type java.io.InputStream"),
                error.getMessage());
        assertTrue(error.getMessage().contains("add a class PerflensInputs to package demo"), error.getMessage());
        recorder.assertAllGone();
    }
}
