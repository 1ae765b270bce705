package dev.perflens.lsp.handlers;

import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Weights;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.lsp.profiles.ProfileService;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * {@code textDocument/hover} on a line the loaded profiles sampled: its share of CPU samples
 * (and of sampled allocation bytes and lock wait, when the profile has them), with the counts
 * and the profile they come from. Lines without samples get no hover from Perflens.
 */
public final class HoverHandler {
    private final DocumentStore documents;
    private final ProfileService profiles;

    @Inject
    public HoverHandler(DocumentStore documents, ProfileService profiles) {
        this.documents = documents;
        this.profiles = profiles;
    }

    public Hover handle(HoverParams params) {
        Optional<OpenDocument> open = documents.get(params.getTextDocument().getUri());
        if (open.isEmpty()) {
            return null;
        }
        OpenDocument document = open.get();
        Optional<HotnessIndex> found = profiles.indexFor(document.path());
        int line = params.getPosition().getLine();
        Weights weights = found.map(index -> index.lines(document.path()).get(line + 1)).orElse(null);
        if (weights == null || weights.isEmpty()) {
            return null;
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
        int length = document.lines().lineEnd(line, document.text()) - document.lines().lineStart(line);
        Range range = new Range(new Position(line, 0), new Position(line, Math.max(0, length)));
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text.toString()), range);
    }
}
