package dev.perflens.lsp.benchmark;

import dev.perflens.bench.BenchmarkReport;
import dev.perflens.bench.MarkdownReport;
import dev.perflens.bench.ReportStore;
import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.VariantResult;
import dev.perflens.bench.behaviour.Behaviour;
import dev.perflens.protocol.BehaviourExample;
import dev.perflens.protocol.BehaviourFailure;
import dev.perflens.protocol.BehaviourOutputs;
import dev.perflens.protocol.BehaviourTests;
import dev.perflens.protocol.BenchmarkBehaviour;
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
        result.setBehaviour(behaviour(report.behaviour()));
        if (written != null) {
            result.setReportUri(written.json().toUri().toString());
            result.setMarkdownUri(written.markdown().toUri().toString());
        }
        return result;
    }

    static BenchmarkBehaviour behaviour(Behaviour behaviour) {
        if (behaviour == null) {
            return null;
        }
        BenchmarkBehaviour out = new BenchmarkBehaviour();
        out.setVerdict(behaviour.verdict().label());
        out.setReason(behaviour.reason());
        BehaviourTests tests = new BehaviourTests();
        tests.setSelection(behaviour.tests().selection());
        tests.setSelected(List.copyOf(behaviour.tests().selected()));
        tests.setRun(behaviour.tests().run());
        tests.setPassed(behaviour.tests().passed());
        tests.setFailed(behaviour.tests().failed());
        tests.setSkipped(behaviour.tests().skipped());
        tests.setFailures(behaviour.tests().failures().stream().map(BenchmarkResults::failure).toList());
        tests.setFailingBefore(behaviour.tests().failingBefore().stream().map(BenchmarkResults::failure).toList());
        out.setTests(tests);
        BehaviourOutputs outputs = new BehaviourOutputs();
        outputs.setCompared(behaviour.outputs().compared());
        outputs.setDiffering(behaviour.outputs().differing());
        outputs.setUnstable(behaviour.outputs().unstable());
        outputs.setUncompared(behaviour.outputs().uncompared());
        Behaviour.Example example = behaviour.outputs().example();
        if (example != null) {
            BehaviourExample e = new BehaviourExample();
            e.setInput(example.input());
            e.setWhat(example.what());
            e.setOriginal(example.original());
            e.setFixed(example.fixed());
            outputs.setExample(e);
        }
        out.setOutputs(outputs);
        return out;
    }

    private static BehaviourFailure failure(Behaviour.Failure failure) {
        BehaviourFailure out = new BehaviourFailure();
        out.setTest(failure.test());
        out.setMessage(failure.message());
        return out;
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
