package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ConcurrentQueueSizeRuleTest {
    private final RuleTester tester = RuleTester.of(new ConcurrentQueueSizeRule());

    @Test
    void flagsEmptinessTestsAndSizesInLoops() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.concurrent.*;

                class Worker {
                    private final ConcurrentLinkedQueue<String> inbox = new ConcurrentLinkedQueue<>();
                    private final ConcurrentLinkedDeque<String> outbox = new ConcurrentLinkedDeque<>();

                    int drain(LinkedTransferQueue<String> transfers) {
                        int n = 0;
                        // PERF: concurrent-queue-size
                        if (inbox.size() == 0) {
                            return 0;
                        }
                        // PERF: concurrent-queue-size
                        while (0 < outbox.size()) {
                            outbox.poll();
                        }
                        // PERF: concurrent-queue-size
                        boolean any = transfers.size() >= 1;
                        for (int i = 0; i < 10; i++) {
                            // PERF: concurrent-queue-size
                            n += inbox.size();
                        }
                        Queue<String> local = new ConcurrentLinkedQueue<>();
                        // PERF: concurrent-queue-size
                        if (!(local.size() > 0)) {
                            n++;
                        }
                        return any ? n : -n;
                    }
                }
                """);
    }

    @Test
    void leavesConstantTimeSizesAndOneOffCountsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.concurrent.*;

                class Clean {
                    private final ConcurrentLinkedQueue<String> inbox = new ConcurrentLinkedQueue<>();
                    private final LinkedBlockingQueue<String> blocking = new LinkedBlockingQueue<>();
                    private final ArrayDeque<String> deque = new ArrayDeque<>();

                    static class CountingQueue<E> extends ConcurrentLinkedQueue<E> {
                        private int count;

                        @Override
                        public int size() {
                            return count;
                        }
                    }

                    int stats(Queue<String> unknown, CountingQueue<String> counted, List<Queue<String>> queues) {
                        int n = inbox.size();
                        if (inbox.size() > 100) {
                            inbox.poll();
                        }
                        if (blocking.size() == 0 || deque.size() == 0 || unknown.size() == 0 || counted.size() == 0) {
                            n++;
                        }
                        for (Queue<String> q : queues) {
                            n += q.size();
                        }
                        for (int i = 0; i < 3; i++) {
                            ConcurrentLinkedQueue<String> fresh = new ConcurrentLinkedQueue<>();
                            n += fresh.size();
                            n += blocking.size();
                        }
                        if (inbox.size() == 2 || inbox.isEmpty()) {
                            n++;
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void fixTestsEmptinessWithIsEmpty() {
        tester.expectFix("""
                import java.util.concurrent.ConcurrentLinkedQueue;

                class Poller {
                    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

                    void runAll() {
                        while (tasks.size() > 0) {
                            tasks.poll().run();
                        }
                    }
                }
                """, """
                import java.util.concurrent.ConcurrentLinkedQueue;

                class Poller {
                    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

                    void runAll() {
                        while (!tasks.isEmpty()) {
                            tasks.poll().run();
                        }
                    }
                }
                """);
        tester.expectFix("""
                import java.util.concurrent.ConcurrentLinkedDeque;

                class Idle {
                    boolean idle(ConcurrentLinkedDeque<String> work) {
                        return 1 > work.size();
                    }
                }
                """, """
                import java.util.concurrent.ConcurrentLinkedDeque;

                class Idle {
                    boolean idle(ConcurrentLinkedDeque<String> work) {
                        return work.isEmpty();
                    }
                }
                """);
        tester.expectFix("""
                import java.util.concurrent.ConcurrentLinkedQueue;

                class Busy {
                    boolean busy(ConcurrentLinkedQueue<String> work, boolean paused) {
                        return !paused && work.size() != 0;
                    }
                }
                """, """
                import java.util.concurrent.ConcurrentLinkedQueue;

                class Busy {
                    boolean busy(ConcurrentLinkedQueue<String> work, boolean paused) {
                        return !paused && !work.isEmpty();
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheSizeIsUsedAsANumber() {
        tester.expectNoFix("""
                import java.util.concurrent.ConcurrentLinkedQueue;

                class Batches {
                    void take(ConcurrentLinkedQueue<String> queue, int[] out) {
                        for (int i = 0; i < queue.size(); i++) {
                            out[i] = i;
                        }
                    }
                }
                """, "used as a number");
    }
}
