package dev.perflens.lsp;

import dev.perflens.lsp.analysis.WorkspaceRoots;
import jakarta.inject.Inject;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace notifications: folders come and go; configuration updates settings. */
public final class PerflensWorkspaceService implements WorkspaceService {
    private final WorkspaceRoots roots;
    private final ServerSettings settings;

    @Inject
    public PerflensWorkspaceService(WorkspaceRoots roots, ServerSettings settings) {
        this.roots = roots;
        this.settings = settings;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        settings.update(params.getSettings());
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // No watched files are registered yet.
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        params.getEvent().getRemoved().forEach(folder -> roots.remove(folder.getUri()));
        params.getEvent().getAdded().forEach(folder -> roots.add(folder.getUri()));
    }
}
