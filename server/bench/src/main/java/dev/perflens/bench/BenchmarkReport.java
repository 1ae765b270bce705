package dev.perflens.bench;

import dev.perflens.bench.behaviour.Behaviour;
import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.Verdict;
import java.util.List;

/**
 * Everything a benchmark measured and concluded, as stored in {@code .perflens/benchmarks/ID.json}.
 * Every number in {@link #summary} and in the rows is computed from the JMH data in the rows.
 *
 * @param formatVersion 1
 * @param id            file-name-safe id of the method ({@code MethodUnderTest#id})
 * @param createdAt     ISO-8601 instant the run ended
 * @param target        what to run again for a rerun or a baseline comparison
 * @param method        the method for people: "OrderMatcher.matchOrders(List<Order>, List<String>)"
 * @param fixTitle      the fix compared against the original, null when only the original was measured
 * @param settings      the settings the run used
 * @param environment   where it ran
 * @param sizes         one row per measured size, ascending
 * @param verdict       the verdict at the largest size (the one that matters for a complexity fix)
 * @param summary       "measured 14.2x ± 1.1 faster at n=1000"
 * @param notes         dropped sizes, differing verdicts at other sizes, ...
 * @param behaviour     whether the fix keeps what the method does (tests and outputs); null when only the
 *                      original was measured. When it changed, the verdict is rejected and nothing was timed
 * @param wallMillis    how long the whole run took
 */
public record BenchmarkReport(int formatVersion, String id, String createdAt, Target target, String method,
                              String fixTitle, BenchSettings settings, Environment environment,
                              List<SizeResult> sizes, Verdict verdict, String summary, List<String> notes,
                              Behaviour behaviour, long wallMillis) {
    public BenchmarkReport {
        sizes = List.copyOf(sizes);
        notes = List.copyOf(notes);
    }

    /**
     * @param file       the source file, relative to the project root, with '/' separators
     * @param signature  {@code MethodUnderTest#signature()}
     * @param ruleId     the rule whose fix was benchmarked, null when the method was measured as it is
     * @param findingKey the finding's key in the version that was measured (informational: keys move with edits)
     */
    public record Target(String file, String signature, String ruleId, String findingKey) {
    }

    /** Where the numbers come from; the load average says how busy the machine was. */
    public record Environment(String jdkVersion, String vmName, String vmVersion, String jmhVersion, String os,
                              int availableProcessors, Double loadAverage) {
    }

    /** The row of the largest size, or null when nothing was measured. */
    public SizeResult largest() {
        return sizes.isEmpty() ? null : sizes.get(sizes.size() - 1);
    }

    public SizeResult at(int size) {
        return sizes.stream().filter(row -> row.size() == size).findFirst().orElse(null);
    }
}
