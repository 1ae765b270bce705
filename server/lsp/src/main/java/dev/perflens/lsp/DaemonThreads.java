package dev.perflens.lsp;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the server's executors: they never keep the JVM alive after exit. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return named(name, Thread.NORM_PRIORITY);
    }

    /** For background work that must give way to what the user waits for. */
    public static ThreadFactory lowPriority(String name) {
        return named(name, Thread.MIN_PRIORITY);
    }

    private static ThreadFactory named(String name, int priority) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.setPriority(priority);
            return thread;
        };
    }
}
