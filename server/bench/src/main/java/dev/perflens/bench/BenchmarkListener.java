package dev.perflens.bench;

/** Hears what a running benchmark does: its phase and progress, and every JVM it starts. */
public interface BenchmarkListener {
    BenchmarkListener NONE = new BenchmarkListener() {
    };

    /** @param percent 0 to 100, never decreasing */
    default void progress(String phase, int percent) {
    }

    /** A forked JVM started; it is killed and gone before the benchmark returns. */
    default void processStarted(ProcessHandle process) {
    }
}
