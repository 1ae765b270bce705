package dev.perflens.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.evidence.source.WorkspaceSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a real program with two threads fighting over one monitor and allocating inside it,
 * with JFR settings that have jdk.JavaMonitorEnter and the TLAB allocation events but no
 * jdk.ObjectAllocationSample (as JDK 11-15 recordings are): lock wait and allocation bytes
 * must both land on the method that holds the lock.
 */
class LockAndTlabRecordingTest {
    static final String PROGRAM = """
            package demo;

            public class Contended {
                static final Object LOCK = new Object();
                static long counter;

                public static void main(String[] args) throws Exception {
                    long end = System.nanoTime() + 2_000_000_000L;
                    Runnable work = () -> {
                        while (System.nanoTime() < end) {
                            hold();
                            try {
                                Thread.sleep(1); // monitors are unfair: give the other thread its turn
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    };
                    Thread first = new Thread(work);
                    Thread second = new Thread(work);
                    first.start();
                    second.start();
                    first.join();
                    second.join();
                    System.out.println(counter);
                }

                static void hold() {
                    synchronized (LOCK) {
                        byte[] junk = new byte[256 * 1024];
                        counter += junk.length;
                        long until = System.nanoTime() + 20_000_000L;
                        while (System.nanoTime() < until) {
                            counter++;
                        }
                    }
                }
            }
            """;

    static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0">
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
              <event name="jdk.ObjectAllocationInNewTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
              <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
              <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
            </configuration>
            """;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lockWaitAndTlabAllocationLandOnTheLockHolder(@TempDir Path work) throws Exception {
        Path sources = work.resolve("src");
        Path file = sources.resolve("demo/Contended.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, PROGRAM);
        Path classes = Files.createDirectories(work.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), file.toString()));
        Path settings = Files.writeString(work.resolve("locks.jfc"), SETTINGS);
        Path recording = work.resolve("locks.jfr");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording=settings=" + settings + ",filename=" + recording + ",dumponexit=true",
                "-cp", classes.toString(), "demo.Contended")
                .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), () -> read(work.resolve("child.log")));

        Profile profile = ProfileReader.read(recording);
        assertTrue(profile.totalEvents(Metric.LOCK) > 5, profile.summary());
        assertTrue(profile.totalWeight(Metric.LOCK) > 5_000_000L, "several ms of waiting: " + profile.summary());
        assertTrue(profile.totalWeight(Metric.ALLOCATION) > 0, profile.summary());
        assertTrue(profile.notes().stream().anyMatch(note -> note.startsWith("allocation from jdk.ObjectAllocationInNewTLAB")),
                profile.notes().toString());

        HotnessIndex index = HotnessIndex.build(List.of(profile), WorkspaceSources.of(List.of(sources)));
        MethodHotness lock = index.hotspots(Metric.LOCK, 1).get(0);
        assertEquals("Contended.hold", lock.name());
        var lines = index.lines(file.toAbsolutePath().normalize());
        int mostWaited = lines.entrySet().stream()
                .max(java.util.Comparator.comparingLong(e -> e.getValue().selfWeight(Metric.LOCK))).orElseThrow().getKey();
        assertEquals(lineOf("synchronized (LOCK)"), mostWaited, "threads wait where they enter the monitor: " + lines);
        assertEquals("Contended.hold", index.hotspots(Metric.ALLOCATION, 1).get(0).name());
    }

    private static int lineOf(String text) {
        List<String> lines = PROGRAM.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
