package dev.perflens.lsp.handlers;

import dev.perflens.engine.Cancellation;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.Converters;
import dev.perflens.protocol.FindingRef;
import jakarta.inject.Inject;
import org.eclipse.lsp4j.CodeAction;

/** {@code codeAction/resolve}: computes the edit of a quick fix, annotated for confirmation. */
public final class ResolveCodeActionHandler {
    private final FixLookup fixes;
    private final ClientSession session;

    @Inject
    public ResolveCodeActionHandler(FixLookup fixes, ClientSession session) {
        this.fixes = fixes;
        this.session = session;
    }

    public CodeAction handle(CodeAction action, Cancellation cancellation) {
        FindingRef ref = Converters.findingRef(action.getData());
        if (ref == null || action.getEdit() != null) {
            return action;
        }
        FixLookup.Found found = fixes.find(ref, cancellation);
        action.setEdit(Converters.workspaceEdit(found.fix(), found.document(), session.features()));
        return action;
    }
}
