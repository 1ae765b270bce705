package dev.perflens.bench;

/**
 * A benchmark that could not produce a result, with a message for the user that says what to
 * do about it. Cancellation is not one of these: it is a {@link java.util.concurrent.CancellationException}.
 */
public final class BenchmarkException extends Exception {
    /** What went wrong; clients may show them differently. */
    public enum Kind {
        /** The code at the position is not a method Perflens can call (a constructor, a generic method ...). */
        UNSUPPORTED_METHOD,
        /** The method's inputs cannot be generated; the message says how to supply a provider. */
        INPUTS,
        /** The sandbox copy (original or fixed) does not compile. */
        COMPILE,
        /** The method threw, or JMH failed. */
        RUN_FAILED,
        /** The wall-clock limit was reached; the forked JVM was killed. */
        TIMEOUT,
        /** Files could not be read or written. */
        IO
    }

    private final Kind kind;

    public BenchmarkException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BenchmarkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
