package dev.perflens.lsp.handlers;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.lsp.ClientFeatures;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.PerflensWorkspaceService;
import dev.perflens.lsp.RuleDocs;
import dev.perflens.bench.result.Verdict;
import dev.perflens.lsp.analysis.AnalysisService;
import dev.perflens.lsp.benchmark.Measurements;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.protocol.BenchmarkParams;
import dev.perflens.protocol.FindingRef;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionDisabled;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/codeAction}: per finding in range that has a fix, the quick fix and a
 * "Benchmark this fix" action (a command, never preferred). The edit is left to
 * {@code codeAction/resolve} when the client supports it, so listing actions never pays for rewrites. Findings whose fix was declined get a disabled action with the reason.
 */
public final class CodeActionHandler {
    private final DocumentStore documents;
    private final AnalysisService analysis;
    private final ClientSession session;
    private final RuleDocs docs;
    private final FixLookup fixes;
    private final Measurements measurements;

    @Inject
    public CodeActionHandler(DocumentStore documents, AnalysisService analysis, ClientSession session,
                             RuleDocs docs, FixLookup fixes, Measurements measurements) {
        this.measurements = measurements;
        this.documents = documents;
        this.analysis = analysis;
        this.session = session;
        this.docs = docs;
        this.fixes = fixes;
    }

    public List<Either<Command, CodeAction>> handle(CodeActionParams params, Cancellation cancellation) {
        Optional<OpenDocument> open = documents.get(params.getTextDocument().getUri());
        if (open.isEmpty() || !wantsQuickFixes(params.getContext().getOnly())) {
            return List.of();
        }
        OpenDocument document = open.get();
        ClientFeatures client = session.features();
        FileAnalysis result = analysis.analyze(document, cancellation);
        Range range = params.getRange();
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (!finding.range().overlaps(range.getStart().getLine(), range.getStart().getCharacter(),
                    range.getEnd().getLine(), range.getEnd().getCharacter())) {
                continue;
            }
            if (finding.fix().available()) {
                Optional<Measurements.Measurement> measured = measurements.forFinding(document, finding);
                Diagnostic diagnostic = Converters.diagnostic(finding, document, docs, measured);
                Optional<CodeAction> previewOnly = previewOnlyWhenOverPolicyLimit(finding, diagnostic, document,
                        measured, cancellation);
                CodeAction benchmark = benchmarkAction(diagnostic, measured);
                if (previewOnly.isPresent()) {
                    actions.add(Either.forRight(previewOnly.get()));
                    actions.add(Either.forRight(benchmark));
                    continue;
                }
                CodeAction action = new CodeAction(title(finding, measured));
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(diagnostic));
                // A fix measured slower, or rejected because it changes behaviour, is still offered with the
                // measurement in its title, but never preferred.
                action.setIsPreferred(measured.map(m -> m.verdict() != Verdict.SLOWER && m.verdict() != Verdict.REJECTED)
                        .orElse(true));
                action.setData(diagnostic.getData());
                if (!client.resolvesEdits()) {
                    FindingRef ref = Converters.findingRef(diagnostic.getData());
                    action.setEdit(Converters.workspaceEdit(fixes.find(ref, cancellation).fix(), document, client));
                }
                actions.add(Either.forRight(action));
                actions.add(Either.forRight(benchmark));
            } else if (client.showsDisabledActions() && finding.fix().unavailableReason() != null) {
                CodeAction action = new CodeAction("Fix " + finding.ruleId());
                action.setKind(CodeActionKind.QuickFix);
                action.setDisabled(new CodeActionDisabled("no automatic fix here: " + finding.fix().unavailableReason()));
                actions.add(Either.forRight(action));
            }
        }
        return actions;
    }

    /**
     * A fix larger than the policy's maxFixLines is offered only as a preview: a command that
     * returns the diff, never an edit the editor could apply in one click.
     */
    private Optional<CodeAction> previewOnlyWhenOverPolicyLimit(Finding finding, Diagnostic diagnostic,
                                                                OpenDocument document,
                                                                Optional<Measurements.Measurement> measured,
                                                                Cancellation cancellation) {
        Integer limit = analysis.policyFor(document).maxFixLines();
        if (limit == null) {
            return Optional.empty();
        }
        FindingRef ref = Converters.findingRef(diagnostic.getData());
        int lines = fixes.find(ref, cancellation).fix().changedLines(document.text());
        if (lines <= limit) {
            return Optional.empty();
        }
        CodeAction action = new CodeAction("Preview: " + title(finding, measured) + " [" + lines + " lines, over the policy's maxFixLines "
                + limit + "]");
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic));
        action.setIsPreferred(false);
        action.setCommand(new Command("Preview the fix", PerflensWorkspaceService.PREVIEW_FIX, List.of(ref)));
        return Optional.of(action);
    }

    /** The title of a fix whose benchmark found that it changes behaviour. */
    public static final String REJECTED = "Rejected by validation: changes behaviour";

    /** "Use a StringBuilder for 's' (O(n^2) -> O(n))": the title carries the expected impact. */
    static String title(Finding finding) {
        return finding.fix().title() + " (" + finding.impact().summary() + ")";
    }

    /** With a benchmark of this fix on this code: "... (O(n*m) -> O(n+m); measured 14.2x ± 1.1 faster at n=1000)". */
    static String title(Finding finding, Optional<Measurements.Measurement> measured) {
        if (measured.isPresent() && measured.get().verdict() == Verdict.REJECTED) {
            return REJECTED + " (" + finding.fix().title() + ")";
        }
        return measured.map(m -> finding.fix().title() + " (" + finding.impact().summary() + "; " + m.shortText() + ")")
                .orElseGet(() -> title(finding));
    }

    /**
     * "Benchmark this fix": never preferred, and carries only the command and the finding, so any
     * client can start the measurement from the light bulb.
     */
    private static CodeAction benchmarkAction(Diagnostic diagnostic, Optional<Measurements.Measurement> measured) {
        CodeAction action = new CodeAction(measured.isPresent() ? "Benchmark this fix again" : "Benchmark this fix");
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic));
        action.setIsPreferred(false);
        FindingRef ref = Converters.findingRef(diagnostic.getData());
        action.setCommand(new Command("Benchmark this fix", PerflensWorkspaceService.BENCHMARK,
                List.of(new BenchmarkParams(ref))));
        return action;
    }

    private static boolean wantsQuickFixes(List<String> only) {
        return only == null || only.isEmpty() || only.stream().anyMatch(kind ->
                CodeActionKind.QuickFix.equals(kind) || CodeActionKind.QuickFix.startsWith(kind + "."));
    }
}
