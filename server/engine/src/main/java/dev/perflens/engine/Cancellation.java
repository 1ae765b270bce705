package dev.perflens.engine;

import java.util.concurrent.CancellationException;

/** Polled by long-running engine work; throws {@link CancellationException} when the caller gave up. */
@FunctionalInterface
public interface Cancellation {
    Cancellation NONE = () -> { };

    void checkCanceled();

    /** Thrown when a file's analysis ran out of its time budget. */
    final class BudgetExceeded extends CancellationException {
        public BudgetExceeded(String message) {
            super(message);
        }
    }

    /**
     * This cancellation plus a budget of {@code budget} CPU time of the calling thread from now
     * (wall-clock time where the JVM cannot measure thread CPU time). CPU time, because on a
     * loaded machine wall-clock time would cut off files that are not at all expensive.
     */
    default Cancellation withBudget(java.time.Duration budget) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        Thread owner = Thread.currentThread();
        Cancellation outer = this;
        return () -> {
            outer.checkCanceled();
            if (Thread.currentThread() != owner) {
                return; // measured on the thread that set the budget
            }
            long used = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            if (used > budget.toNanos()) {
                throw new BudgetExceeded("time budget of " + budget.toMillis() + " ms (CPU) exceeded");
            }
        };
    }

    default boolean isCanceled() {
        try {
            checkCanceled();
            return false;
        } catch (CancellationException e) {
            return true;
        }
    }
}
