package dev.perflens.lsp;

import java.util.Optional;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;

/** What the connected client said it supports, reduced to the questions handlers ask. */
public record ClientFeatures(boolean resolvesEdits, boolean showsDisabledActions, boolean documentChanges,
                             boolean watchesFilesDynamically, boolean refreshesCodeLenses, boolean refreshesInlayHints,
                             boolean workDoneProgress) {

    public static final ClientFeatures NONE = new ClientFeatures(false, false, false, false, false, false, false);

    public static ClientFeatures of(ClientCapabilities capabilities) {
        Optional<CodeActionCapabilities> codeAction = Optional.ofNullable(capabilities)
                .map(ClientCapabilities::getTextDocument).map(TextDocumentClientCapabilities::getCodeAction);
        boolean resolvesEdits = codeAction.map(CodeActionCapabilities::getResolveSupport)
                .map(support -> support.getProperties() != null && support.getProperties().contains("edit"))
                .orElse(false);
        boolean disabled = codeAction.map(CodeActionCapabilities::getDisabledSupport).orElse(false);
        boolean documentChanges = Optional.ofNullable(capabilities).map(ClientCapabilities::getWorkspace)
                .map(WorkspaceClientCapabilities::getWorkspaceEdit).map(WorkspaceEditCapabilities::getDocumentChanges)
                .orElse(false);
        boolean watches = Optional.ofNullable(capabilities).map(ClientCapabilities::getWorkspace)
                .map(WorkspaceClientCapabilities::getDidChangeWatchedFiles)
                .map(watched -> Boolean.TRUE.equals(watched.getDynamicRegistration())).orElse(false);
        boolean codeLensRefresh = Optional.ofNullable(capabilities).map(ClientCapabilities::getWorkspace)
                .map(WorkspaceClientCapabilities::getCodeLens)
                .map(codeLens -> Boolean.TRUE.equals(codeLens.getRefreshSupport())).orElse(false);
        boolean inlayHintRefresh = Optional.ofNullable(capabilities).map(ClientCapabilities::getWorkspace)
                .map(WorkspaceClientCapabilities::getInlayHint)
                .map(inlayHint -> Boolean.TRUE.equals(inlayHint.getRefreshSupport())).orElse(false);
                boolean progress = Optional.ofNullable(capabilities).map(ClientCapabilities::getWindow)
                .map(window -> Boolean.TRUE.equals(window.getWorkDoneProgress())).orElse(false);
        return new ClientFeatures(resolvesEdits, disabled, documentChanges, watches, codeLensRefresh, inlayHintRefresh,
                progress);
    }
}
