package dev.perflens.bench.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs before the measurement, in a JVM of each variant: checks that inputs can be generated
 * and that the method returns, records a structural hash of its result (so the variants can
 * be compared) and whether it changed its arguments, and caps the sizes by time: a size whose
 * single call takes longer than the cap (measured, or predicted from the smaller sizes) is
 * dropped, and a size between the last one that fitted and the dropped one is tried instead.
 *
 * <p>Usage: {@code Probe HARNESS_CLASS RESULT_FILE CAP_NANOS HARD_LIMIT_MILLIS ADAPTIVE SIZE...}.
 * Results go to RESULT_FILE one line each, so output of the code under test cannot mix with them.
 * Exit status 0 when the probe ran (even if sizes were dropped), 3 when inputs cannot be
 * generated, 4 when the method throws.
 */
public final class Probe {
    /** Calls per size are repeated for about this long, and the fastest call is the estimate. */
    private static final long SAMPLE_NANOS = 150_000_000L;
    private static final long WARM_UP_NANOS = 300_000_000L;
    private static final int MAX_CALLS = 50;
    /** Sizes tried between the last one that fitted and the first that did not (halving the gap on a log scale). */
    private static final int EXTRA_SIZES = 2;
    private static final int PREDICTION_MARGIN = 3;

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> harness = Class.forName(args[0]);
        Path resultFile = Path.of(args[1]);
        long capNanos = Long.parseLong(args[2]);
        long hardLimitMillis = Long.parseLong(args[3]);
        boolean adaptive = Boolean.parseBoolean(args[4]);
        TreeSet<Integer> candidates = new TreeSet<>();
        for (int i = 5; i < args.length; i++) {
            candidates.add(Integer.parseInt(args[i]));
        }
        Method inputsFor = harness.getMethod("perflensInputs", int.class);
        try (Writer out = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            int status = run(inputsFor, candidates, capNanos, hardLimitMillis, adaptive, line -> {
                try {
                    out.write(line + "\n");
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            out.write("done\n");
            out.flush();
            System.out.flush();
            Runtime.getRuntime().halt(status); // no lingering non-daemon threads of the code under test
        }
    }

    interface Sink {
        void line(String line);
    }

    private record Point(int size, long nanos) {
    }

    private static int run(Method inputsFor, TreeSet<Integer> candidates, long capNanos, long hardLimitMillis,
                           boolean adaptive, Sink sink) throws Exception {
        if (candidates.isEmpty()) {
            return 0;
        }
        int warmed = warmUp(inputsFor, candidates.first(), capNanos, sink);
        if (warmed != 0) {
            return warmed;
        }
        List<Point> fitted = new ArrayList<>();
        TreeSet<Integer> pending = new TreeSet<>(candidates);
        TreeSet<Integer> tried = new TreeSet<>();
        int ceiling = Integer.MAX_VALUE; // the smallest size known to be too slow
        int extraTries = adaptive ? EXTRA_SIZES : 0;
        while (true) {
            Integer size = pending.pollFirst();
            if (size == null) {
                Integer between = fitted.isEmpty() || ceiling == Integer.MAX_VALUE || extraTries == 0 ? null
                        : between(fitted.get(fitted.size() - 1).size(), ceiling);
                if (between == null || tried.contains(between)) {
                    return 0;
                }
                extraTries--;
                size = between;
            }
            if (adaptive && size >= ceiling) {
                continue; // larger than a size that was already too slow
            }
            tried.add(size);
            long predicted = adaptive ? predict(fitted, size) : -1;
            if (predicted > PREDICTION_MARGIN * capNanos) { // extrapolation on a busy machine is rough: measure unless far over
                sink.line("size " + size + " predicted " + predicted);
                ceiling = Math.min(ceiling, size);
                continue;
            }
            Inputs inputs;
            try {
                inputs = (Inputs) inputsFor.invoke(null, size);
            } catch (java.lang.reflect.InvocationTargetException e) {
                return inputError(size, e, sink);
            }
            Measured measured = measure(inputs, capNanos, hardLimitMillis);
            if (measured.runaway) {
                sink.line("size " + size + " over " + hardLimitMillis * 1_000_000L + " runaway");
                sink.line("done");
                System.out.flush();
                Runtime.getRuntime().halt(0); // the call is still running: nothing else can be measured here
            }
            if (measured.failure != null) {
                sink.line("error threw " + size + " " + oneLine(stackTrace(measured.failure)));
                return 4;
            }
            boolean fits = measured.nanos <= capNanos;
            sink.line("size " + size + (fits ? " ok " : " over ") + measured.nanos + " result=" + measured.resultHash
                    + " args=" + measured.arguments);
            if (fits) {
                fitted.add(new Point(size, measured.nanos));
            } else {
                ceiling = Math.min(ceiling, size);
            }
        }
    }

    /** Calls the method at the smallest size for a moment, so that sizes are timed on compiled code, not the interpreter. */
    private static int warmUp(Method inputsFor, int size, long capNanos, Sink sink) throws Exception {
        Inputs inputs;
        try {
            inputs = (Inputs) inputsFor.invoke(null, size);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return inputError(size, e, sink);
        }
        long end = System.nanoTime() + WARM_UP_NANOS;
        try {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                inputs.invoke();
                if (System.nanoTime() - t0 > capNanos) {
                    break; // slow already at the smallest size: the sizes loop reports it
                }
            }
        } catch (Throwable t) {
            sink.line("error threw " + size + " " + oneLine(stackTrace(t)));
            return 4;
        }
        return 0;
    }

    private static int inputError(int size, java.lang.reflect.InvocationTargetException e, Sink sink) {
        Throwable cause = e.getCause();
        sink.line("error inputs " + size + " " + oneLine(cause instanceof Inputs.InputException
                ? cause.getMessage() : String.valueOf(cause)));
        return 3;
    }

    private static final class Measured {
        long nanos = Long.MAX_VALUE;
        String resultHash = DeepHash.UNHASHABLE;
        String arguments = "unhashable";
        Throwable failure;
        boolean runaway;
    }

    private static Measured measure(Inputs inputs, long capNanos, long hardLimitMillis) throws InterruptedException {
        Measured measured = new Measured();
        Thread worker = new Thread(() -> {
            try {
                String before = DeepHash.of(inputs.arguments());
                long start = System.nanoTime();
                Object result = inputs.invoke();
                long first = System.nanoTime() - start;
                measured.resultHash = DeepHash.of(result);
                String after = DeepHash.of(inputs.arguments());
                measured.arguments = before.equals(DeepHash.UNHASHABLE) ? "unhashable"
                        : before.equals(after) ? "unchanged" : "changed";
                long best = first;
                long spent = first;
                for (int calls = 1; calls < MAX_CALLS && (spent < SAMPLE_NANOS || calls < 3) && first <= capNanos * 20;
                     calls++) {
                    long t0 = System.nanoTime();
                    inputs.invoke();
                    long t = System.nanoTime() - t0;
                    best = Math.min(best, t);
                    spent += t;
                }
                measured.nanos = best;
            } catch (Throwable t) {
                measured.failure = t;
            }
        }, "perflens-probe");
        worker.setDaemon(true);
        worker.start();
        worker.join(hardLimitMillis);
        measured.runaway = worker.isAlive();
        return measured;
    }

    /** The call time at {@code size} extrapolated from the sizes that fitted (steeper growth assumed when unknown). */
    static long predict(List<Point> fitted, int size) {
        if (fitted.isEmpty()) {
            return -1;
        }
        Point last = fitted.get(fitted.size() - 1);
        double exponent = 2;
        if (fitted.size() >= 2) {
            Point before = fitted.get(fitted.size() - 2);
            double slope = Math.log((double) Math.max(1, last.nanos()) / Math.max(1, before.nanos()))
                    / Math.log((double) last.size() / before.size());
            exponent = Math.max(1, Math.min(3, slope));
        }
        return (long) (Math.max(1, last.nanos()) * Math.pow((double) size / last.size(), exponent));
    }

    /** A round size about halfway between two sizes on a log scale, or null when there is none. */
    static Integer between(int low, int high) {
        double middle = Math.sqrt((double) low * high);
        double magnitude = Math.pow(10, Math.floor(Math.log10(middle)));
        int rounded = (int) (Math.round(middle / magnitude) * magnitude);
        return rounded > low && rounded < high ? rounded : null;
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace("\t", " ");
    }

    private static String stackTrace(Throwable t) {
        StringWriter writer = new StringWriter();
        t.printStackTrace(new PrintWriter(writer));
        String trace = writer.toString();
        String[] lines = trace.split("\n");
        StringBuilder shortTrace = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 6); i++) {
            shortTrace.append(lines[i].trim()).append(i == 0 ? " " : " | ");
        }
        return shortTrace.toString();
    }
}
