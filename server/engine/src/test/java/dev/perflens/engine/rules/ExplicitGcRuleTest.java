package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ExplicitGcRuleTest {
    private final RuleTester tester = RuleTester.of(new ExplicitGcRule());

    @Test
    void flagsSystemAndRuntimeGc() {
        tester.expectMarkedFindings("""
                import static java.lang.System.gc;

                class Cleaner {
                    void afterBatch(Runtime runtime) {
                        // PERF: explicit-gc
                        System.gc();
                        // PERF: explicit-gc
                        Runtime.getRuntime().gc();
                        // PERF: explicit-gc
                        runtime.gc();
                        // PERF: explicit-gc
                        gc();
                    }
                }
                """);
    }

    @Test
    void leavesOwnGcMethodsAndOtherSystemCallsAlone() {
        tester.expectMarkedFindings("""
                class Collector {
                    void gc() {
                    }

                    static class Pool {
                        static void gc(int generation) {
                        }
                    }

                    void run(Runtime runtime) {
                        gc();
                        this.gc();
                        Pool.gc(2);
                        System.runFinalization();
                        long free = runtime.freeMemory() + Runtime.getRuntime().totalMemory();
                        java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    }
                }
                """);
    }

    @Test
    void flagsMemoryMXBeanGcAndSaysAGcBesideAHeapReadingIsDeliberate() {
        var findings = tester.analyze("""
                import java.lang.management.ManagementFactory;

                class Probe {
                    long used() {
                        System.gc();
                        Runtime runtime = Runtime.getRuntime();
                        return runtime.totalMemory() - runtime.freeMemory();
                    }

                    void settle() {
                        ManagementFactory.getMemoryMXBean().gc();
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(2, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains(
                "The collection looks deliberate: the method reads Runtime.totalMemory()"), findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(1).message().startsWith("MemoryMXBean.gc()"),
                findings.get(1).message());
    }

    /**
     * A collection that is the point of the code is a hint that says why: a method whose whole body
     * is the request (Tomcat's Diagnostics.gc()), and leak detection that then reads a WeakHashMap
     * (Tomcat's StandardHost.findReloadedContextMemoryLeaks). A gc among other work is not called deliberate.
     */
    @Test
    void aCollectionThatIsTheMethodsPurposeIsAHintThatSaysWhy() {
        var findings = tester.analyze("""
                import java.util.*;

                class Host {
                    private final Map<ClassLoader, String> children = new WeakHashMap<>();

                    static void gcNow() {
                        System.gc();
                    }

                    String[] findLeaks() {
                        System.gc();
                        List<String> leaks = new ArrayList<>();
                        for (Map.Entry<ClassLoader, String> e : children.entrySet()) {
                            leaks.add(e.getValue());
                        }
                        return leaks.toArray(new String[0]);
                    }

                    void afterBatch(List<String> batch) {
                        batch.clear();
                        System.gc();
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(3, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("The collection is the whole body of a method named for it"),
                findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(1).severity(), findings.get(1).message());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(1).message().contains("reads 'children' (a WeakHashMap)")
                && findings.get(1).message().contains("(leak detection)"), findings.get(1).message());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(2).severity() != dev.perflens.engine.Severity.HINT
                && !findings.get(2).message().contains("deliberate") && !findings.get(2).message().contains("whole body"),
                "a gc among other work is not called deliberate: " + findings.get(2).message());
    }

    @Test
    void leavesCollectionsTheCodeWaitsForOrUnmapsWithAlone() {
        tester.expectMarkedFindings("""
                import java.io.IOException;
                import java.lang.management.GarbageCollectorMXBean;
                import java.lang.management.ManagementFactory;
                import java.lang.ref.WeakReference;
                import java.nio.MappedByteBuffer;

                class Waits {
                    static void untilCleared(Object value) {
                        WeakReference<Object> ref = new WeakReference<>(value);
                        value = null;
                        while (ref.get() != null) {
                            System.gc();
                        }
                    }

                    static long collections() {
                        long n = 0;
                        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                            n += gc.getCollectionCount();
                        }
                        return n;
                    }

                    static void untilCollected() {
                        long before = collections();
                        while (before == collections()) {
                            Runtime.getRuntime().gc();
                        }
                    }

                    static void whileBusy(java.util.List<String> jobs) {
                        while (!jobs.isEmpty()) {
                            // PERF: explicit-gc
                            System.gc();
                            jobs.remove(0);
                        }
                    }
                }

                class Mapped {
                    private MappedByteBuffer mapped;

                    void truncate() throws IOException {
                        for (int i = 0; ; i++) {
                            try {
                                mapped.force();
                                break;
                            } catch (RuntimeException e) {
                                if (i > 16) {
                                    throw e;
                                }
                            }
                            System.gc();
                        }
                    }
                }
                """);
    }
}
