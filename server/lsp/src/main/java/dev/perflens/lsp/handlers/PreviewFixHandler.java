package dev.perflens.lsp.handlers;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.text.LineDiff;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.protocol.FindingRef;
import dev.perflens.protocol.PreviewFixResult;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** {@code perflens/previewFix}: the fix as a unified diff plus the edit to apply after confirmation. */
public final class PreviewFixHandler {
    private final FixLookup fixes;
    private final ClientSession session;
    private final WorkspaceRoots roots;

    @Inject
    public PreviewFixHandler(FixLookup fixes, ClientSession session, WorkspaceRoots roots) {
        this.fixes = fixes;
        this.session = session;
        this.roots = roots;
    }

    public PreviewFixResult handle(FindingRef ref, Cancellation cancellation) {
        FixLookup.Found found = fixes.find(ref, cancellation);
        String original = found.document().text();
        String name = displayName(found.document().path());
        String diff = LineDiff.between(original, found.fix().applyTo(original)).unified("a/" + name, "b/" + name);
        return new PreviewFixResult(found.fix().title(), found.fix().finding().ruleId(),
                Converters.impactText(found.fix().finding()), diff,
                Converters.workspaceEdit(found.fix(), found.document(), session.features()));
    }

    private String displayName(Path file) {
        return roots.rootOf(file).map(root -> root.relativize(file)).orElse(file.getFileName()).toString()
                .replace('\\', '/');
    }
}
