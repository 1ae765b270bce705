package dev.perflens.bench;

import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.Units;

/** The readable form of a report: what was compared, the verdict, and one table row per size. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark: `").append(report.method()).append("`\n\n");
        out.append("File: `").append(report.target().file()).append("`  \n");
        if (report.fixTitle() != null) {
            out.append("Fix: ").append(report.fixTitle()).append(" (").append(report.target().ruleId()).append(")  \n");
        }
        out.append("Verdict: **").append(report.verdict().label()).append("**: ").append(report.summary()).append("\n\n");
        out.append(table(report)).append('\n');
        BenchmarkReport.Environment env = report.environment();
        out.append("Settings: ").append(report.settings().describe());
        if (report.fixTitle() != null) {
            out.append("; variants alternated A B, B A, ... across forks");
        }
        out.append(".  \nJDK ").append(env.jdkVersion()).append(" (").append(env.vmName()).append("), JMH ")
                .append(env.jmhVersion()).append(", ").append(env.os()).append(", ").append(env.availableProcessors())
                .append(" CPUs").append(env.loadAverage() == null ? "" : ", load average "
                        + Units.plain(env.loadAverage()) + " at the start")
                .append(". Wall time ").append(Math.round(report.wallMillis() / 1000.0)).append(" s, ")
                .append(report.createdAt()).append(".\n\n");
        if (!report.notes().isEmpty()) {
            out.append("Notes:\n\n");
            report.notes().forEach(note -> out.append("- ").append(note).append('\n'));
            out.append('\n');
        }
        out.append("Scores are the mean time per call over all measurement iterations of all forks, ± half the 99.9%")
                .append(" confidence interval (Student's t, as JMH's scoreError). The speed-up is original / fixed with")
                .append(" its 99.9% interval (delta method on the log ratio, Welch degrees of freedom). \"faster\" needs")
                .append(" both: the variants' intervals do not overlap and the speed-up's interval is above 1.\n");
        return out.toString();
    }

    /** The result table alone (also printed by the CLI). */
    public static String table(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
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
