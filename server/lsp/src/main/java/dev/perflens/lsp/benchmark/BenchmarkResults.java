package dev.perflens.lsp.benchmark;

import dev.perflens.bench.BenchmarkReport;
import dev.perflens.bench.MarkdownReport;
import dev.perflens.bench.ReportStore;
import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.VariantResult;
import dev.perflens.protocol.BenchmarkResult;
import dev.perflens.protocol.BenchmarkRow;
import dev.perflens.protocol.FindingRef;
import java.util.List;

/** A bench report as the protocol's BenchmarkResult. */
public final class BenchmarkResults {
    private BenchmarkResults() {
    }

    public static BenchmarkResult of(BenchmarkReport report, String uri, FindingRef finding, ReportStore.Written written) {
        BenchmarkResult result = new BenchmarkResult();
        result.setId(report.id());
        result.setMethod(report.method());
        result.setUri(uri);
        result.setFinding(finding);
        result.setRuleId(report.target().ruleId());
        result.setFixTitle(report.fixTitle());
        result.setVerdict(report.verdict().label());
        result.setSummary(report.summary());
        result.setRows(report.sizes().stream().map(BenchmarkResults::row).toList());
        result.setNotes(List.copyOf(report.notes()));
        result.setTable(MarkdownReport.table(report));
        result.setSettings(report.settings().describe());
        result.setJdk(report.environment().jdkVersion() + " (" + report.environment().vmName() + ")");
        result.setJmhVersion(report.environment().jmhVersion());
        result.setWallMillis(report.wallMillis());
        if (written != null) {
            result.setReportUri(written.json().toUri().toString());
            result.setMarkdownUri(written.markdown().toUri().toString());
        }
        return result;
    }

    private static BenchmarkRow row(SizeResult size) {
        BenchmarkRow row = new BenchmarkRow();
        row.setSize(size.size());
        VariantResult original = size.original();
        row.setUnit(original.unit());
        row.setOriginalScore(original.score());
        row.setOriginalError(finite(original.scoreError()));
        row.setOriginalAllocBytes(original.allocBytesPerOp());
        if (size.fixed() != null) {
            row.setFixedScore(size.fixed().score());
            row.setFixedError(finite(size.fixed().scoreError()));
            row.setFixedAllocBytes(size.fixed().allocBytesPerOp());
            row.setSpeedup(size.speedup());
            row.setSpeedupLow(size.speedupLow());
            row.setSpeedupHigh(size.speedupHigh());
        }
        row.setVerdict(size.verdict().label());
        return row;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
