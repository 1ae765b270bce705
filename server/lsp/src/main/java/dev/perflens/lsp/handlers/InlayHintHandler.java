package dev.perflens.lsp.handlers;

import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Weights;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.lsp.profiles.ProfileService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/inlayHint}: at the end of every line on at least 1% of CPU samples (or of
 * sampled allocation bytes), its share, e.g. "58% CPU · 12% alloc"; the tooltip names the
 * profile and the counts. Quieter lines get nothing, so hot code stands out.
 */
public final class InlayHintHandler {
    static final double MIN_SHARE = 0.01;
    private final DocumentStore documents;
    private final ProfileService profiles;

    @Inject
    public InlayHintHandler(DocumentStore documents, ProfileService profiles) {
        this.documents = documents;
        this.profiles = profiles;
    }

    public List<InlayHint> handle(InlayHintParams params) {
        Optional<OpenDocument> open = documents.get(params.getTextDocument().getUri());
        if (open.isEmpty()) {
            return List.of();
        }
        OpenDocument document = open.get();
        Optional<HotnessIndex> found = profiles.indexFor(document.path());
        if (found.isEmpty()) {
            return List.of();
        }
        HotnessIndex index = found.get();
        int first = params.getRange().getStart().getLine();
        int last = Math.min(params.getRange().getEnd().getLine(), document.lines().lineCount() - 1);
        List<InlayHint> hints = new ArrayList<>();
        for (Map.Entry<Integer, Weights> line : index.lines(document.path()).subMap(first + 1, last + 2).entrySet()) {
            Weights weights = line.getValue();
            double cpu = index.share(Metric.CPU, weights.totalWeight(Metric.CPU));
            double allocation = index.share(Metric.ALLOCATION, weights.totalWeight(Metric.ALLOCATION));
            if (cpu < MIN_SHARE && allocation < MIN_SHARE) {
                continue;
            }
            StringBuilder label = new StringBuilder();
            if (cpu >= MIN_SHARE) {
                label.append(ProfileWeight.percent(cpu)).append(" CPU");
            }
            if (allocation >= MIN_SHARE) {
                label.append(label.isEmpty() ? "" : " · ").append(ProfileWeight.percent(allocation)).append(" alloc");
            }
            int zeroBased = line.getKey() - 1;
            int end = document.lines().lineEnd(zeroBased, document.text()) - document.lines().lineStart(zeroBased);
            InlayHint hint = new InlayHint(new Position(zeroBased, end), Either.forLeft(label.toString()));
            hint.setPaddingLeft(true);
            hint.setTooltip(Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, "Profile `" + index.profileNames()
                    + "`: " + ProfileWeight.count(weights.totalEvents(Metric.CPU)) + " of "
                    + ProfileWeight.count(index.totals().events(Metric.CPU)) + " CPU samples pass through this line")));
            hints.add(hint);
        }
        return hints;
    }
}
