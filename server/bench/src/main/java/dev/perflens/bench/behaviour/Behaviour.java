package dev.perflens.bench.behaviour;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Whether the fix keeps what the method does: the project's tests on both variants and the
 * outputs of both on the same generated inputs, read together into one verdict.
 *
 * @param verdict preserved, changed or untested
 * @param reason  one sentence that says why, leading the report's summary when behaviour changed
 * @param tests   the project's tests on the original and on the fixed copy
 * @param outputs the variants' outputs compared input by input
 */
public record Behaviour(Verdict verdict, String reason, Tests tests, Outputs outputs) {

    public enum Verdict {
        /** Nothing differed, and tests ran and passed or outputs were compared. */
        PRESERVED("preserved"),
        /** A test that passes on the original fails on the fixed copy, or an output differs. */
        CHANGED("changed"),
        /** No test reached the method and no output could be compared. */
        UNTESTED("untested");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        @JsonCreator
        public static Verdict of(String label) {
            for (Verdict verdict : values()) {
                if (verdict.label.equals(label) || verdict.name().equals(label)) {
                    return verdict;
                }
            }
            throw new IllegalArgumentException("unknown behaviour verdict " + label);
        }
    }

    /**
     * The project's tests that reach the method, run on the original and then on the fixed copy.
     * The counts are the fixed copy's run over the tests that passed (or were skipped) on the
     * original; a test that already fails on the original is listed in {@code failingBefore} and
     * does not count.
     *
     * @param selection     how the tests were chosen, or why none ran
     * @param selected      the test classes that ran
     * @param run           tests run on the fixed copy
     * @param passed        of those, passed
     * @param failed        of those, failed
     * @param skipped       of those, skipped (disabled, assumption not met)
     * @param failures      each failure on the fixed copy: the test's name and message
     * @param failingBefore tests that already fail on the original, with their messages
     */
    public record Tests(String selection, List<String> selected, int run, int passed, int failed, int skipped,
                        List<Failure> failures, List<Failure> failingBefore) {
        public Tests {
            selected = selected == null ? List.of() : List.copyOf(selected);
            failures = failures == null ? List.of() : List.copyOf(failures);
            failingBefore = failingBefore == null ? List.of() : List.copyOf(failingBefore);
        }

        public static Tests none(String why) {
            return new Tests(why, List.of(), 0, 0, 0, 0, List.of(), List.of());
        }

        /** "4 run, 4 passed" / "5 run, 4 passed, 1 failed (OrderMatcherTest.matchesEqualIds: ...)". */
        public String describe() {
            if (run == 0 && failingBefore.isEmpty()) {
                return "no tests ran: " + selection;
            }
            StringBuilder out = new StringBuilder().append(run).append(" run, ").append(passed).append(" passed");
            if (failed > 0) {
                out.append(", ").append(failed).append(" failed");
            }
            if (skipped > 0) {
                out.append(", ").append(skipped).append(" skipped");
            }
            out.append(" on the fixed copy (").append(selection).append(")");
            if (!failingBefore.isEmpty()) {
                out.append("; ").append(failingBefore.size()).append(" already failing on the original, not counted: ")
                        .append(String.join(", ", failingBefore.stream().map(Failure::test).toList()));
            }
            return out.toString();
        }
    }

    /** A failed test: "OrderMatcherTest.matchesEqualIds()" and its assertion message. */
    public record Failure(String test, String message) {
    }

    /**
     * @param compared  inputs whose results (and state after the call) could be compared
     * @param differing of those, the inputs on which the variants differed
     * @param unstable  inputs on which the original itself gave two different results, left out
     * @param uncompared inputs not compared: results Perflens cannot hash, inputs it could not build
     * @param example   the first differing input with both results, or null
     */
    public record Outputs(int compared, int differing, int unstable, int uncompared, Example example) {
        public static final Outputs NONE = new Outputs(0, 0, 0, 0, null);

        public String describe() {
            StringBuilder out = new StringBuilder();
            out.append(compared).append(compared == 1 ? " input" : " inputs").append(" compared, ").append(differing)
                    .append(" differing");
            if (unstable > 0) {
                out.append(", ").append(unstable).append(" left out (the original itself gave different results)");
            }
            if (uncompared > 0) {
                out.append(", ").append(uncompared).append(" not comparable");
            }
            return out.toString();
        }
    }

    /**
     * @param input    which input ("n=1000 #3", "empty", "null elements") and its values, readably
     * @param what     what differed: the result, the exception, the arguments' state after the call
     * @param original what the original did
     * @param fixed    what the fixed variant did
     */
    public record Example(String input, String what, String original, String fixed) {
    }

    /** One verdict from the tests and the outputs, with the reason that leads the summary. */
    public static Behaviour of(Tests tests, Outputs outputs) {
        if (tests.failed() > 0) {
            Failure first = tests.failures().get(0);
            return new Behaviour(Verdict.CHANGED, "the fix changes behaviour: " + first.test()
                    + " fails on the fixed copy" + (first.message() == null || first.message().isBlank() ? ""
                    : " (" + first.message() + ")")
                    + (tests.failed() > 1 ? ", and " + (tests.failed() - 1) + " more" : ""), tests, outputs);
        }
        if (outputs.differing() > 0) {
            Example example = outputs.example();
            return new Behaviour(Verdict.CHANGED, "the fix changes behaviour: " + example.what() + " differs on "
                    + outputs.differing() + " of " + outputs.compared() + " inputs, first on " + example.input()
                    + ": original " + example.original() + ", fixed " + example.fixed(), tests, outputs);
        }
        if (tests.run() == 0 && outputs.compared() == 0) {
            return new Behaviour(Verdict.UNTESTED, "behaviour untested: " + tests.selection()
                    + ", and no output could be compared", tests, outputs);
        }
        List<String> evidence = new java.util.ArrayList<>();
        if (tests.run() > 0) {
            evidence.add(tests.passed() + " of the project's tests passed on the fixed copy");
        }
        if (outputs.compared() > 0) {
            evidence.add("outputs equal on " + outputs.compared() + " inputs");
        }
        return new Behaviour(Verdict.PRESERVED, "behaviour preserved: " + String.join(", ", evidence), tests, outputs);
    }
}
