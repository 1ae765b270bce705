package dev.perflens.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.perflens.engine.Finding;
import dev.perflens.engine.ProposedFix;
import dev.perflens.engine.Severity;
import dev.perflens.engine.TextEdit;
import dev.perflens.engine.text.LineMap;
import dev.perflens.engine.text.TextRange;
import dev.perflens.lsp.benchmark.Measurements;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.protocol.FindingRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.AnnotatedTextEdit;
import org.eclipse.lsp4j.ChangeAnnotation;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Engine values to LSP values and back. The only place where the two meet. */
public final class Converters {
    public static final String SOURCE = "perflens";
    public static final String FIX_ANNOTATION = "perflens.fix";
    private static final Gson GSON = new Gson();

    private Converters() {
    }

    public static Range range(TextRange range) {
        return new Range(new Position(range.startLine(), range.startColumn()),
                new Position(range.endLine(), range.endColumn()));
    }

    public static DiagnosticSeverity severity(Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    /** The impact line shown with every finding: the estimate and where it comes from. */
    public static String impactText(Finding finding) {
        return finding.impact().text();
    }

    public static Diagnostic diagnostic(Finding finding, OpenDocument document, RuleDocs docs) {
        return diagnostic(finding, document, docs, java.util.Optional.empty());
    }

    /**
     * The finding as a diagnostic; a benchmark of its fix, when one was measured on this code,
     * adds a "Measured:" line (a fix measured slower says so loudly) and points at the report.
     */
    public static Diagnostic diagnostic(Finding finding, OpenDocument document, RuleDocs docs,
                                        java.util.Optional<Measurements.Measurement> measured) {
        StringBuilder message = new StringBuilder(finding.message());
        if (finding.impact().before() != null) {
            message.append("\nImpact: ").append(finding.impact().shortText());
            if (finding.impact().estimate() != null) {
                message.append(". Estimate confidence: ").append(finding.impact().estimate().confidence().level().name()
                        .toLowerCase(java.util.Locale.ROOT));
            }
            message.append(". Detection confidence: ");
        } else { // hot-method: the message is the measurement itself
            message.append("\nDetection confidence: ");
        }
        message.append(finding.confidence()).append('.');
        if (!finding.fix().available() && finding.fix().unavailableReason() != null) {
            message.append("\nNo automatic fix here: ").append(finding.fix().unavailableReason()).append('.');
        }
        measured.filter(m -> m.verdict() == dev.perflens.bench.result.Verdict.REJECTED).ifPresent(m -> message
                .append("\nRejected by validation: ").append(m.summary()).append(" (the fix was not timed")
                .append(m.markdownUri() == null ? "" : "; see the related report").append(")."));
        measured.filter(m -> m.verdict() != dev.perflens.bench.result.Verdict.REJECTED)
                .ifPresent(m -> message.append("\nMeasured: ").append(switch (m.verdict()) {
            case SLOWER -> "the fix is SLOWER, check before applying it: " + m.summary().replaceFirst("^measured ", "");
            case FASTER -> "the fix is " + m.summary().replaceFirst("^measured ", "");
            default -> m.summary();
        }).append(" (JMH benchmark").append(m.markdownUri() == null ? "" : ", see the related report").append(")."));
        Diagnostic diagnostic = new Diagnostic(range(finding.range()), message.toString(),
                severity(finding.severity()), SOURCE, finding.ruleId());
        docs.uri(finding.ruleId()).ifPresent(href -> diagnostic.setCodeDescription(new DiagnosticCodeDescription(href)));
        diagnostic.setData(new FindingRef(document.uri(), document.version(), finding.ruleId(), finding.key()));
        measured.ifPresent(m -> {
            boolean rejected = m.verdict() == dev.perflens.bench.result.Verdict.REJECTED;
            if (m.markdownUri() == null && !rejected) {
                return;
            }
            // a rejection is shown even without a report: then it points at the finding itself
            Location where = m.markdownUri() != null
                    ? new Location(m.markdownUri(), new Range(new Position(0, 0), new Position(0, 0)))
                    : new Location(document.uri(), range(finding.range()));
            diagnostic.setRelatedInformation(List.of(new DiagnosticRelatedInformation(where,
                    (rejected ? "Rejected by validation: " : "benchmark report: ") + m.summary())));
        });
        return diagnostic;
    }

    /** A FindingRef from a diagnostic's or code action's data, which arrives as a JSON tree. */
    public static FindingRef findingRef(Object data) {
        if (data instanceof FindingRef ref) {
            return ref;
        }
        if (data instanceof JsonElement json && json.isJsonObject()) {
            FindingRef ref = GSON.fromJson(json, FindingRef.class);
            return ref.getUri() != null && ref.getKey() != null ? ref : null;
        }
        return null;
    }

    /**
     * The fix as a workspace edit. With documentChanges, every edit is annotated with
     * needsConfirmation so the client shows it before applying; the version pins it to the
     * text it was computed on.
     */
    public static WorkspaceEdit workspaceEdit(ProposedFix fix, OpenDocument document, ClientFeatures client) {
        LineMap lines = document.lines();
        List<org.eclipse.lsp4j.TextEdit> edits = new ArrayList<>();
        for (TextEdit edit : fix.edits()) {
            Range range = range(lines.range(edit.offset(), edit.length()));
            edits.add(client.documentChanges()
                    ? new AnnotatedTextEdit(range, edit.newText(), FIX_ANNOTATION)
                    : new org.eclipse.lsp4j.TextEdit(range, edit.newText()));
        }
        if (!client.documentChanges()) {
            return new WorkspaceEdit(Map.of(document.uri(), edits));
        }
        TextDocumentEdit documentEdit = new TextDocumentEdit(
                new VersionedTextDocumentIdentifier(document.uri(), document.version()), edits);
        WorkspaceEdit workspaceEdit = new WorkspaceEdit(List.of(Either.forLeft(documentEdit)));
        ChangeAnnotation annotation = new ChangeAnnotation(fix.title());
        annotation.setNeedsConfirmation(true);
        annotation.setDescription(fix.finding().ruleId() + ": expected " + impactText(fix.finding())
                + ". Review the change: it was checked to compile and keep behaviour for this spot, not run.");
        workspaceEdit.setChangeAnnotations(Map.of(FIX_ANNOTATION, annotation));
        return workspaceEdit;
    }
}
