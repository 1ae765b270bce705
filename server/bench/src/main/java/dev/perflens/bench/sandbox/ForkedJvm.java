package dev.perflens.bench.sandbox;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.engine.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one child JVM: working directory in the sandbox, output to files (so a chatty benchmark
 * cannot block on a full pipe), a wall-clock deadline, and cancellation. On timeout, on cancel
 * and when the server JVM exits, the child and everything it started are killed; the call
 * returns only once they are gone.
 */
public final class ForkedJvm {
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ForkedJvm::killTree),
                "perflens-bench-reaper"));
    }

    /** How a child ended. */
    public record Exit(int status, Path stdout, Path stderr) {
        /** The last lines of stderr and stdout, for error messages. */
        public String tail() {
            return tailOf(stderr, 15) + tailOf(stdout, 15);
        }
    }

    private ForkedJvm() {
    }

    /** The java launcher of the running JVM: children run on the same JDK as the server. */
    public static Path javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        return Files.isExecutable(java) ? java : Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    /**
     * Starts {@code command} in {@code workDir} and waits for it.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which the child must have ended
     * @param onStart       told the child's handle as soon as it runs (tests use it to check it is gone later)
     * @throws BenchmarkException  TIMEOUT when the deadline passed (the child was killed)
     * @throws CancellationException when {@code cancellation} fired (the child was killed)
     */
    public static Exit run(List<String> command, Path workDir, String name, long deadlineNanos,
                           Cancellation cancellation, Consumer<ProcessHandle> onStart, String timeoutMessage)
            throws BenchmarkException {
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().put("TMPDIR", workDir.toString());
        Process process;
        try {
            cancellation.checkCanceled();
            process = builder.start();
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot start " + command.get(0) + ": "
                    + e.getMessage(), e);
        }
        ProcessHandle handle = process.toHandle();
        LIVE.add(handle);
        try {
            if (onStart != null) {
                onStart.accept(handle);
            }
            while (true) {
                if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                    return new Exit(process.exitValue(), stdout, stderr);
                }
                if (cancellation.isCanceled()) {
                    killTree(handle);
                    throw new CancellationException("benchmark canceled");
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    killTree(handle);
                    throw new BenchmarkException(BenchmarkException.Kind.TIMEOUT, timeoutMessage);
                }
            }
        } catch (InterruptedException e) {
            killTree(handle);
            Thread.currentThread().interrupt();
            throw new CancellationException("benchmark interrupted");
        } finally {
            if (handle.isAlive()) {
                killTree(handle);
            }
            LIVE.remove(handle);
        }
    }

    /** Kills the process and its descendants and waits (a few seconds at most) until they are gone. */
    static void killTree(ProcessHandle handle) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // it was killed forcibly; the OS reaps it
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(isWindows() ? "NUL" : "/dev/null");
    }

    static String tailOf(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
