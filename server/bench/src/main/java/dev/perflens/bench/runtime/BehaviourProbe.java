package dev.perflens.bench.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a JVM of each variant, after the size probe: calls the method on the same inputs in
 * both variants (edge cases the generator knows, then {@value #PER_SIZE} generated inputs per
 * measured size) and writes, per input, what the call did: returned (with a structural hash of the
 * result) or threw (the exception's class), the hash of the receiver's and arguments' state after
 * the call, and readable texts of the input, the result and that state. The parent compares the
 * two variants' files input by input.
 *
 * <p>Usage: {@code BehaviourProbe HARNESS_CLASS RESULT_FILE HARD_LIMIT_MILLIS REPEAT SIZE...}. With
 * REPEAT true (the original's JVM) every input is built and called twice, and an input whose two
 * calls disagree is marked unstable: the method is not deterministic there (identity hash order,
 * time, randomness), so a difference from the other variant proves nothing.
 *
 * <p>Lines (tab-separated): {@code case ID OUTCOME RESULT_HASH STATE_HASH STABLE INPUT RESULT STATE},
 * OUTCOME being {@code returned}, {@code threw CLASS}, {@code skipped} (the input could not be
 * built) or {@code timeout} (the call ran over the hard limit: the JVM stops there), then {@code done}.
 */
public final class BehaviourProbe {
    /** Generated inputs per measured size. */
    public static final int PER_SIZE = 50;
    static final int DUPLICATES_SIZE = 16;
    static final int NULLS_SIZE = 8;

    private BehaviourProbe() {
    }

    /** One input to give both variants. */
    record Case(String id, int size, long seed, Inputs.Shape shape, int nullArgument) {
    }

    public static void main(String[] args) throws Exception {
        Class<?> harness = Class.forName(args[0]);
        Path resultFile = Path.of(args[1]);
        long hardLimitMillis = Long.parseLong(args[2]);
        boolean repeat = Boolean.parseBoolean(args[3]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        Method inputsFor = harness.getMethod("perflensInputs", int.class, long.class, String.class, int.class);
        try (Writer out = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            Sink sink = line -> {
                try {
                    out.write(line + "\n");
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            for (Case c : cases(inputsFor, sizes)) {
                if (!run(inputsFor, c, hardLimitMillis, repeat, sink)) {
                    break;
                }
            }
            sink.line("done");
            System.out.flush();
            Runtime.getRuntime().halt(0); // no lingering non-daemon threads of the code under test
        }
    }

    interface Sink {
        void line(String line);
    }

    /** The edge cases first, then the generated inputs of every size; the same list in both variants. */
    static List<Case> cases(Method inputsFor, List<Integer> sizes) {
        long seed = 20_240_601L;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty", 0, seed, Inputs.Shape.RANDOM, -1));
        cases.add(new Case("one element", 1, seed, Inputs.Shape.RANDOM, -1));
        cases.add(new Case("duplicates", DUPLICATES_SIZE, seed, Inputs.Shape.DUPLICATES, -1));
        cases.add(new Case("null elements", NULLS_SIZE, seed, Inputs.Shape.NULL_ELEMENTS, -1));
        cases.add(new Case("equal but not identical objects", DUPLICATES_SIZE, seed, Inputs.Shape.TWINS, -1));
        try {
            Inputs sample = (Inputs) inputsFor.invoke(null, 1, seed, Inputs.Shape.RANDOM.name(), -1);
            Class<?>[] types = sample.method().getParameterTypes();
            String[] names = sample.parameterNames();
            for (int i = 0; i < types.length; i++) {
                if (!types[i].isPrimitive()) {
                    cases.add(new Case("null " + names[i], NULLS_SIZE, seed, Inputs.Shape.RANDOM, i));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sample at size 1: the null-argument cases are left out (the others report why they are skipped)
        }
        for (int size : sizes) {
            for (int i = 0; i < PER_SIZE; i++) {
                cases.add(new Case("n=" + size + " #" + (i + 1), size, seed + 7_919L * (i + 1) + size,
                        Inputs.Shape.RANDOM, -1));
            }
        }
        return cases;
    }

    private static final class Call {
        String outcome;
        String resultHash = DeepHash.UNHASHABLE;
        String stateHash = DeepHash.UNHASHABLE;
        String result = "";
        String state = "";
        boolean finished;
    }

    /** Runs one case (twice with repeat); false when a call ran away and nothing more can run in this JVM. */
    private static boolean run(Method inputsFor, Case c, long hardLimitMillis, boolean repeat, Sink sink)
            throws InterruptedException {
        Inputs inputs;
        try {
            inputs = build(inputsFor, c);
        } catch (Exception e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            sink.line(String.join("\t", "case", c.id(), "skipped", "", "", "", "", clean(String.valueOf(
                    cause instanceof Inputs.InputException ? cause.getMessage() : cause)), ""));
            return true;
        }
        String input = Render.call(inputs);
        Call first = call(inputs, hardLimitMillis);
        if (!first.finished) {
            sink.line(String.join("\t", "case", c.id(), "timeout", "", "", "yes", clean(input),
                    "did not return within " + hardLimitMillis + " ms", ""));
            return false;
        }
        boolean stable = true;
        if (repeat) {
            try {
                Call second = call(build(inputsFor, c), hardLimitMillis);
                stable = second.finished && second.outcome.equals(first.outcome)
                        && second.resultHash.equals(first.resultHash) && second.stateHash.equals(first.stateHash);
            } catch (Exception e) {
                stable = false;
            }
        }
        sink.line(String.join("\t", "case", c.id(), first.outcome, first.resultHash, first.stateHash,
                stable ? "yes" : "no", clean(input), clean(first.result), clean(first.state)));
        return true;
    }

    private static Inputs build(Method inputsFor, Case c) throws Exception {
        return (Inputs) inputsFor.invoke(null, c.size(), c.seed(), c.shape().name(), c.nullArgument());
    }

    private static Call call(Inputs inputs, long hardLimitMillis) throws InterruptedException {
        Call call = new Call();
        Thread worker = new Thread(() -> {
            try {
                Object result = inputs.invoke();
                call.outcome = "returned";
                call.resultHash = DeepHash.of(result);
                call.result = inputs.method().getReturnType() == void.class ? "(void)" : Render.of(result);
            } catch (Throwable t) {
                call.outcome = "threw " + t.getClass().getName();
                call.resultHash = t.getClass().getName(); // the class, not the message: messages name locals
                call.result = "threw " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
            Object[] state = state(inputs);
            call.stateHash = DeepHash.of(state);
            call.state = Render.call(inputs);
            call.finished = true;
        }, "perflens-behaviour");
        worker.setDaemon(true);
        worker.start();
        worker.join(hardLimitMillis);
        return call;
    }

    /** The receiver (for an instance method) and the arguments: what a call may change. */
    private static Object[] state(Inputs inputs) {
        Object[] arguments = inputs.arguments();
        Object[] state = new Object[arguments.length + 1];
        state[0] = inputs.hasReceiver() ? inputs.receiver() : null;
        System.arraycopy(arguments, 0, state, 1, arguments.length);
        return state;
    }

    private static String clean(String text) {
        String s = text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return s.length() <= Render.MAX_LENGTH ? s : s.substring(0, Render.MAX_LENGTH - 1) + "…";
    }
}
