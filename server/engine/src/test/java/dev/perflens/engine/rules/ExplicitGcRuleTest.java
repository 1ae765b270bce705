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
}
