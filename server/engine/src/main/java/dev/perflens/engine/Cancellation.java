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

    /** This cancellation plus a deadline {@code budget} from now. */
    default Cancellation withBudget(java.time.Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Cancellation outer = this;
        return () -> {
            outer.checkCanceled();
            if (System.nanoTime() - deadline > 0) {
                throw new BudgetExceeded("time budget of " + budget.toMillis() + " ms exceeded");
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
