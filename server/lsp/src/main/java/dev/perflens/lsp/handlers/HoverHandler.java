package dev.perflens.lsp.handlers;

import dev.perflens.lsp.workspace.ClasspathService;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Weights;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.RuleDocs;
import dev.perflens.lsp.analysis.AnalysisService;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * {@code textDocument/hover}: on a finding, the full explanation with where each claim comes
 * from (what is slow and why, the impact and its provenance, the confidence and its reason,
 * whether a fix is offered) and a link to the rule's page; on a line the loaded profiles
 * sampled, its shares with the counts and the profile they come from. Elsewhere: no hover.
 */
public final class HoverHandler {
    private final DocumentStore documents;
    private final AnalysisService analysis;
    private final RuleDocs docs;
    private final ProfileService profiles;
    private final ClasspathService classpaths;

    @Inject
    public HoverHandler(DocumentStore documents, AnalysisService analysis, RuleDocs docs, ProfileService profiles,
                        ClasspathService classpaths) {
        this.classpaths = classpaths;
        this.documents = documents;
        this.analysis = analysis;
        this.docs = docs;
        this.profiles = profiles;
    }

    public Hover handle(HoverParams params, Cancellation cancellation) {
        Optional<OpenDocument> open = documents.get(params.getTextDocument().getUri());
        if (open.isEmpty()) {
            return null;
        }
        Position at = params.getPosition();
        FileAnalysis result = analysis.analyze(open.get(), cancellation);
        List<String> sections = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (finding.range().overlaps(at.getLine(), at.getCharacter(), at.getLine(), at.getCharacter())) {
                sections.add(describe(finding) + unresolvedNote(open.get(), result));
            }
        }
        profileSection(open.get(), at.getLine()).ifPresent(sections::add);
        if (sections.isEmpty()) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n---\n\n", sections)));
    }

    /** The loaded profiles' figures for one line, if they sampled it. */
    private Optional<String> profileSection(OpenDocument document, int line) {
        Optional<HotnessIndex> found = profiles.indexFor(document.path());
        Weights weights = found.map(index -> index.lines(document.path()).get(line + 1)).orElse(null);
        if (weights == null || weights.isEmpty()) {
            return Optional.empty();
        }
        HotnessIndex index = found.get();
        StringBuilder text = new StringBuilder("**Perflens profile** `").append(index.profileNames()).append("`\n\n");
        for (Metric metric : Metric.values()) {
            if (!index.totals().has(metric) || weights.totalEvents(metric) == 0) {
                continue;
            }
            text.append("- ").append(metric.label()).append(": line ").append(line + 1).append(" is on ")
                    .append(ProfileWeight.percent(index.share(metric, weights.totalWeight(metric))))
                    .append(" of ").append(metric == Metric.CPU ? "CPU samples" : metric == Metric.ALLOCATION
                            ? "sampled allocation bytes" : "lock wait")
                    .append(" (").append(ProfileWeight.count(weights.totalEvents(metric))).append(" of ")
                    .append(ProfileWeight.count(index.totals().events(metric))).append(" samples); ")
                    .append(ProfileWeight.percent(index.share(metric, weights.selfWeight(metric))))
                    .append(" in the line itself and the JDK/library code it calls\n");
        }
        return Optional.of(text.toString());
    }

    /** Findings may be missing where types did not resolve; says how many and why the classpath lacks them. */
    private String unresolvedNote(OpenDocument document, FileAnalysis result) {
        List<String> names = result.unresolvedTypes();
        if (names.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "");
        String why = classpaths.incompleteReason(document.path()).map(reason -> "classpath incomplete: " + reason)
                .orElse("not on the classpath");
        return "\n- Unresolved: " + names.size() + (names.size() == 1 ? " type or import" : " types or imports")
                + " could not be resolved in this file (" + shown + "; " + why
                + "); rules stay silent on code that needs them, so findings may be missing here\n";
    }

    private String describe(Finding finding) {
        StringBuilder text = new StringBuilder("**Perflens: ").append(finding.ruleId()).append("** (")
                .append(finding.severity().lowerCase()).append(")\n\n")
                .append(finding.message()).append("\n\n")
                .append("- Impact: ").append(Converters.impactText(finding)).append('\n')
                .append("- Detection confidence (is this the pattern): ").append(finding.confidence()).append('\n');
        if (finding.impact().estimate() != null) {
            text.append("- Estimate confidence (how sure the number is): ")
                    .append(finding.impact().estimate().confidence()).append('\n');
        }
        if (finding.fix().available()) {
            text.append("- Fix: ").append(finding.fix().title()).append(" (a quick fix; you review the change before it applies)\n");
        } else if (finding.fix().unavailableReason() != null) {
            text.append("- No automatic fix here: ").append(finding.fix().unavailableReason()).append('\n');
        }
        docs.uri(finding.ruleId()).ifPresent(uri -> text.append("\n[Rule documentation](").append(uri).append(')'));
        return text.toString();
    }
}
