package dev.perflens.lsp.profiles;

import dev.perflens.evidence.ProfileLoadException;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Reads the profiles again off the request threads (a large recording takes seconds), tells the
 * user about files that cannot be read, and refreshes diagnostics and code lenses when the
 * loaded profiles changed. A broken profile never stops the server: it is left out and named.
 */
@Singleton
public final class ProfileReloader {
    private static final Logger LOG = Logger.getLogger(ProfileReloader.class.getName());
    private final ProfileService profiles;
    private final DiagnosticsPublisher diagnostics;
    private final DocumentStore documents;
    private final ClientSession session;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(dev.perflens.lsp.DaemonThreads.named("perflens-profiles"));

    private final jakarta.inject.Provider<dev.perflens.lsp.analysis.WorkspaceAnalysis> workspace;
    private final dev.perflens.lsp.analysis.WorkspaceRoots roots;

    @Inject
    public ProfileReloader(ProfileService profiles, DiagnosticsPublisher diagnostics, DocumentStore documents,
                           ClientSession session, dev.perflens.lsp.analysis.WorkspaceRoots roots,
                           jakarta.inject.Provider<dev.perflens.lsp.analysis.WorkspaceAnalysis> workspace) {
        this.roots = roots;
        this.workspace = workspace;
        this.profiles = profiles;
        this.diagnostics = diagnostics;
        this.documents = documents;
        this.session = session;
    }

    /**
     * Runs {@code work} on the profile thread, after any reload in progress: imports and reloads
     * never overlap, and a long import does not hold a request thread.
     */
    public <T> CompletableFuture<T> onProfileThread(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, loader);
    }

    /** Reloads in the background; the future completes when the editors have been told. */
    public CompletableFuture<Void> reloadAsync() {
        return CompletableFuture.runAsync(this::reload, loader);
    }

    private void reload() {
        long before = profiles.generation();
        try {
            List<ProfileLoadException> problems = profiles.reload();
            problems.forEach(this::showError);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "reloading profiles failed", e);
            showMessage(MessageType.Error, "Perflens could not reload the profiles: " + e);
        }
        if (profiles.generation() != before) {
            refreshEditors();
        }
    }

    /** Re-ranks open documents, then the closed files in the background, and asks the client for fresh code lenses. */
    public void refreshEditors() {
        for (OpenDocument document : documents.all()) {
            diagnostics.schedule(document);
        }
        roots.all().forEach(workspace.get()::start);
        LanguageClient client = session.client();
        if (client != null && session.features().refreshesCodeLenses()) {
            client.refreshCodeLenses();
        }
        if (client != null && session.features().refreshesInlayHints()) {
            client.refreshInlayHints();
        }
    }

    public void showError(ProfileLoadException problem) {
        LOG.warning(problem.getMessage());
        showMessage(MessageType.Error, "Perflens cannot use the profile " + problem.getMessage());
    }

    private void showMessage(MessageType type, String message) {
        LanguageClient client = session.client();
        if (client != null) {
            client.showMessage(new MessageParams(type, message));
        }
    }

    public void close() {
        loader.shutdown(); // no interrupt: it may be writing to the client, whose channel an interrupt would close
    }
}
