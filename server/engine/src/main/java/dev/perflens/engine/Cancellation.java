package dev.perflens.engine;

import java.util.concurrent.CancellationException;

/** Polled by long-running engine work; throws {@link CancellationException} when the caller gave up. */
@FunctionalInterface
public interface Cancellation {
    Cancellation NONE = () -> { };

    void checkCanceled();

    default boolean isCanceled() {
        try {
            checkCanceled();
            return false;
        } catch (CancellationException e) {
            return true;
        }
    }
}
