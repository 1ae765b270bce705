package dev.perflens.bench;

import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.Units;

/** The readable form of a report: what was compared, the verdict, and one table row per size. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * The evidence card, in the order a reader decides by: the verdict line, then behaviour (tests
     * and outputs), then the speed-up at each size with its interval, then allocation, then the
     * settings and how to run it again.
     */
    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark: `").append(report.method()).append("`\n\n");
        out.append("**").append(report.verdict().label()).append("**: ").append(report.summary()).append("\n\n");
        out.append("File: `").append(report.target().file()).append("`  \n");
        if (report.fixTitle() != null) {
            out.append("Fix: ").append(report.fixTitle()).append(" (").append(report.target().ruleId()).append(")\n\n");
        } else {
            out.append('\n');
        }
        if (report.behaviour() != null) {
            out.append("## Behaviour\n\n").append(behaviour(report.behaviour())).append('\n');
        }
        if (!report.sizes().isEmpty()) {
            out.append("## Speed-up\n\n").append(speedTable(report)).append('\n');
            out.append("## Allocation\n\n").append(allocationTable(report)).append('\n');
        }
        if (!report.notes().isEmpty()) {
            out.append("## Notes\n\n");
            report.notes().forEach(note -> out.append("- ").append(note).append('\n'));
            out.append('\n');
        }
        BenchmarkReport.Environment env = report.environment();
        out.append("## Settings\n\n").append(report.settings().describe());
        if (report.fixTitle() != null && !report.sizes().isEmpty()) {
            out.append("; variants alternated A B, B A, ... across forks");
        }
        out.append(".  \nJDK ").append(env.jdkVersion()).append(" (").append(env.vmName()).append(")")
                .append(env.jmhVersion() == null ? "" : ", JMH " + env.jmhVersion()).append(", ").append(env.os())
                .append(", ").append(env.availableProcessors())
                .append(" CPUs").append(env.loadAverage() == null ? "" : ", load average "
                        + Units.plain(env.loadAverage()) + " at the start")
                .append(". Wall time ").append(Math.round(report.wallMillis() / 1000.0)).append(" s, ")
                .append(report.createdAt()).append(".  \n");
        out.append("Run it again: `perflens bench . --method '").append(report.target().signature()).append("'`")
                .append(" (or *Benchmark this fix again* on the finding).\n\n");
        if (!report.sizes().isEmpty()) {
            out.append("Scores are the mean time per call over all measurement iterations of all forks, ± half the 99.9%")
                    .append(" confidence interval (Student's t, as JMH's scoreError). The speed-up is original / fixed with")
                    .append(" its 99.9% interval (delta method on the log ratio, Welch degrees of freedom), and the")
                    .append(" verdict is read off that interval.\n");
        }
        return out.toString();
    }

    /** The behaviour section: the verdict with its reason, the tests, the outputs and the first difference. */
    public static String behaviour(dev.perflens.bench.behaviour.Behaviour behaviour) {
        StringBuilder out = new StringBuilder();
        out.append("Behaviour **").append(behaviour.verdict().label()).append("**: ").append(behaviour.reason())
                .append("\n\n");
        out.append("- Tests: ").append(behaviour.tests().describe()).append('\n');
        behaviour.tests().failures().forEach(f -> out.append("  - FAILED `").append(f.test()).append("`")
                .append(f.message() == null || f.message().isBlank() ? "" : ": " + f.message()).append('\n'));
        out.append("- Outputs: ").append(behaviour.outputs().describe()).append('\n');
        dev.perflens.bench.behaviour.Behaviour.Example example = behaviour.outputs().example();
        if (example != null) {
            out.append("  - first difference, ").append(example.what()).append(", on ").append(example.input())
                    .append(":\n    - original: `").append(example.original()).append("`\n    - fixed: `")
                    .append(example.fixed()).append("`\n");
        }
        return out.toString();
    }

    /** Time per call and speed-up per size (no allocation columns). */
    static String speedTable(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        boolean withFix = report.fixTitle() != null;
        out.append(withFix ? "| n | original | fixed | speed-up (99.9% CI) | verdict |\n|---:|---:|---:|---:|---|\n"
                : "| n | time per call |\n|---:|---:|\n");
        for (SizeResult row : report.sizes()) {
            out.append("| ").append(row.size()).append(" | ")
                    .append(Units.format(row.original().score(), row.original().scoreError(), row.original().unit()));
            if (withFix && row.fixed() != null) {
                out.append(" | ").append(Units.format(row.fixed().score(), row.fixed().scoreError(), row.fixed().unit()))
                        .append(" | ").append(Units.times(row.speedup()));
                if (row.speedupLow() != null && row.speedupHigh() != null) {
                    out.append(" (").append(Units.times(row.speedupLow())).append("–")
                            .append(Units.times(row.speedupHigh())).append(")");
                }
                out.append(" | ").append(row.verdict().label());
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    static String allocationTable(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        boolean withFix = report.fixTitle() != null;
        out.append(withFix ? "| n | alloc/op original | alloc/op fixed |\n|---:|---:|---:|\n" : "| n | alloc/op |\n|---:|---:|\n");
        for (SizeResult row : report.sizes()) {
            out.append("| ").append(row.size()).append(" | ").append(Units.bytes(row.original().allocBytesPerOp()));
            if (withFix && row.fixed() != null) {
                out.append(" | ").append(Units.bytes(row.fixed().allocBytesPerOp()));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    /** The result table alone (also printed by the CLI). */
    public static String table(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        if (report.sizes().isEmpty()) {
            return "";
        }
        boolean withFix = report.fixTitle() != null;
        if (withFix) {
            out.append("| n | original | fixed | speed-up (99.9% CI) | verdict | alloc/op original | alloc/op fixed |\n");
            out.append("|---:|---:|---:|---:|---|---:|---:|\n");
        } else {
            out.append("| n | time per call | alloc/op |\n|---:|---:|---:|\n");
        }
        for (SizeResult row : report.sizes()) {
            out.append("| ").append(row.size()).append(" | ")
                    .append(Units.format(row.original().score(), row.original().scoreError(), row.original().unit()));
            if (withFix && row.fixed() != null) {
                out.append(" | ").append(Units.format(row.fixed().score(), row.fixed().scoreError(), row.fixed().unit()))
                        .append(" | ").append(Units.times(row.speedup()));
                if (row.speedupLow() != null && row.speedupHigh() != null) {
                    out.append(" (").append(Units.times(row.speedupLow())).append("–")
                            .append(Units.times(row.speedupHigh())).append(")");
                }
                out.append(" | ").append(row.verdict().label())
                        .append(" | ").append(Units.bytes(row.original().allocBytesPerOp()))
                        .append(" | ").append(Units.bytes(row.fixed().allocBytesPerOp()));
            } else {
                out.append(" | ").append(Units.bytes(row.original().allocBytesPerOp()));
            }
            out.append(" |\n");
        }
        return out.toString();
    }
}
