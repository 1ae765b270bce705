package dev.perflens.bench.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.engine.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A forked JVM (and what it started) is gone when run() returns after a cancel or a timeout. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ForkedJvmTest {
    @TempDir
    Path work;

    private List<String> sleeper() throws Exception {
        Path classes = Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path engine = Path.of(Cancellation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path main = Path.of(ForkedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return List.of(ForkedJvm.javaExecutable().toString(), "-Xmx64m", "-cp",
                Classpaths.join(List.of(classes, main, engine)), Sleeper.class.getName(), "spawn");
    }

    @Test
    void cancelKillsTheChildAndItsChildren() throws Exception {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        AtomicBoolean canceled = new AtomicBoolean();
        Cancellation cancellation = () -> {
            if (canceled.get()) {
                throw new CancellationException("canceled by the test");
            }
        };
        List<ProcessHandle> grandchildren = new CopyOnWriteArrayList<>();
        Thread canceller = new Thread(() -> {
            try {
                awaitGrandchild(started);
                started.get(0).descendants().forEach(grandchildren::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            canceled.set(true);
        });
        canceller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        assertThrows(CancellationException.class, () -> ForkedJvm.run(sleeper(), work, "sleeper", deadline,
                cancellation, started::add, "timeout"));
        canceller.join();
        assertFalse(grandchildren.isEmpty(), "the child had started a grandchild");
        assertGone(started);
        grandchildren.forEach(p -> assertFalse(p.isAlive(), "the grandchild " + p.pid() + " is gone"));
    }

    @Test
    void timeoutKillsTheChildAndSaysWhy() throws Exception {
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        BenchmarkException error = assertThrows(BenchmarkException.class, () -> ForkedJvm.run(sleeper(), work,
                "sleeper", deadline, Cancellation.NONE, started::add, "over the 4 s limit"));
        assertEquals(BenchmarkException.Kind.TIMEOUT, error.kind());
        assertEquals("over the 4 s limit", error.getMessage());
        assertGone(started);
        assertTrue(Files.readString(work.resolve("sleeper.out")).contains("sleeping in " + work.toRealPath())
                || Files.readString(work.resolve("sleeper.out")).isEmpty(), "the child's working folder is the sandbox");
    }

    @Test
    void exitStatusAndOutputComeBack() throws Exception {
        ForkedJvm.Exit exit = ForkedJvm.run(List.of(ForkedJvm.javaExecutable().toString(), "-version"), work, "version",
                System.nanoTime() + TimeUnit.SECONDS.toNanos(60), Cancellation.NONE, null, "timeout");
        assertEquals(0, exit.status());
        assertTrue(exit.tail().contains("version"), exit.tail());
    }

    /** Waits until the child has started its own child, so the kill has a tree to take down. */
    private static void awaitGrandchild(List<ProcessHandle> started) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!started.isEmpty() && started.get(0).descendants().findAny().isPresent()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void assertGone(List<ProcessHandle> started) {
        assertFalse(started.isEmpty(), "a JVM was started");
        List<ProcessHandle> all = new java.util.ArrayList<>(started);
        // descendants() of a dead process is empty, so the grandchild is found through our own children
        ProcessHandle.current().descendants().forEach(all::add);
        for (ProcessHandle process : all) {
            if (process.info().commandLine().orElse("").contains(Sleeper.class.getName())) {
                assertFalse(process.isAlive(), "still running: " + process.info().commandLine().orElse("?"));
            }
        }
        started.forEach(p -> assertFalse(p.isAlive(), "the forked JVM " + p.pid() + " is gone"));
    }
}
