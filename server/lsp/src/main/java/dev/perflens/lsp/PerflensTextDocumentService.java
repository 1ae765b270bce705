package dev.perflens.lsp;

import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.handlers.CodeActionHandler;
import dev.perflens.lsp.handlers.CodeLensHandler;
import dev.perflens.lsp.handlers.HoverHandler;
import dev.perflens.lsp.handlers.InlayHintHandler;
import dev.perflens.lsp.handlers.ResolveCodeActionHandler;
import dev.perflens.lsp.policy.PolicyReloader;
import dev.perflens.lsp.policy.PolicyService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Text document notifications keep the store current; requests go to one handler each. */
public final class PerflensTextDocumentService implements TextDocumentService {
    private final DocumentStore documents;
    private final DiagnosticsPublisher diagnostics;
    private final Provider<CodeActionHandler> codeActions;
    private final Provider<ResolveCodeActionHandler> resolveCodeActions;
    private final ExecutorService requests;
    private final Provider<PolicyReloader> reloader;
    private final Lifecycle lifecycle;
    private final Provider<CodeLensHandler> codeLenses;
    private final Provider<HoverHandler> hovers;
    private final Provider<InlayHintHandler> inlayHints;
    private final Provider<dev.perflens.lsp.workspace.ClasspathService> classpaths;
    private final Provider<dev.perflens.lsp.workspace.DependentsRechecker> dependents;

    private final Provider<dev.perflens.lsp.analysis.WorkspaceAnalysis> workspace;

    @Inject
    public PerflensTextDocumentService(DocumentStore documents, DiagnosticsPublisher diagnostics,
                                       Provider<CodeActionHandler> codeActions,
                                       Provider<ResolveCodeActionHandler> resolveCodeActions,
                                       @RequestExecutor ExecutorService requests, Provider<PolicyReloader> reloader,
                                       Lifecycle lifecycle, Provider<CodeLensHandler> codeLenses,
                                       Provider<HoverHandler> hovers, Provider<InlayHintHandler> inlayHints,
                                       Provider<dev.perflens.lsp.workspace.ClasspathService> classpaths,
                                       Provider<dev.perflens.lsp.workspace.DependentsRechecker> dependents,
                                       Provider<dev.perflens.lsp.analysis.WorkspaceAnalysis> workspace) {
        this.dependents = dependents;
        this.workspace = workspace;
        this.classpaths = classpaths;
        this.inlayHints = inlayHints;
        this.reloader = reloader;
        this.lifecycle = lifecycle;
        this.codeLenses = codeLenses;
        this.hovers = hovers;
        this.documents = documents;
        this.diagnostics = diagnostics;
        this.codeActions = codeActions;
        this.resolveCodeActions = resolveCodeActions;
        this.requests = requests;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        if (!lifecycle.acceptsNotification("textDocument/didOpen")) {
            return;
        }
        TextDocumentItem item = params.getTextDocument();
        dev.perflens.lsp.document.OpenDocument document =
                documents.open(item.getUri(), item.getLanguageId(), item.getVersion(), item.getText());
        diagnostics.schedule(document);
        dependents.get().opened(document);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (!lifecycle.acceptsNotification("textDocument/didChange")) {
            return;
        }
        documents.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(),
                params.getContentChanges()).ifPresent(diagnostics::schedule);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        if (!lifecycle.acceptsNotification("textDocument/didClose")) {
            return;
        }
        documents.close(params.getTextDocument().getUri());
        diagnostics.clear(params.getTextDocument().getUri());
        dependents.get().closed(params.getTextDocument().getUri());
        workspace.get().fileChanged(DocumentStore.toPath(params.getTextDocument().getUri())); // its disk text now
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        if (!lifecycle.acceptsNotification("textDocument/didSave")) {
            return;
        }
        java.nio.file.Path path = DocumentStore.toPath(params.getTextDocument().getUri());
        if (PolicyService.isPolicyFile(path)) {
            reloader.get().reload(path.getParent());
            return;
        }
        if (dev.perflens.lsp.workspace.ClasspathService.isPom(path)) {
            classpaths.get().pomChanged(path);
            return;
        }
        documents.get(params.getTextDocument().getUri()).ifPresent(document -> {
            diagnostics.schedule(document);
            dependents.get().saved(document);
        });
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        lifecycle.checkRequest("textDocument/codeAction");
        return CompletableFutures.computeAsync(requests,
                cancel -> codeActions.get().handle(params, cancel::checkCanceled));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        lifecycle.checkRequest("textDocument/codeLens");
        return CompletableFutures.computeAsync(requests, cancel -> codeLenses.get().handle(params));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        lifecycle.checkRequest("textDocument/hover");
        return CompletableFutures.computeAsync(requests, cancel -> hovers.get().handle(params, cancel::checkCanceled));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        lifecycle.checkRequest("textDocument/inlayHint");
        return CompletableFutures.computeAsync(requests, cancel -> inlayHints.get().handle(params));
    }

    @Override
    public CompletableFuture<CodeAction> resolveCodeAction(CodeAction unresolved) {
        lifecycle.checkRequest("codeAction/resolve");
        return CompletableFutures.computeAsync(requests,
                cancel -> resolveCodeActions.get().handle(unresolved, cancel::checkCanceled));
    }
}
