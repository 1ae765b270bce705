package dev.perflens.lsp;

import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.analysis.WorkspaceAnalysis;
import dev.perflens.lsp.handlers.BenchmarkHandler;
import dev.perflens.lsp.handlers.HotspotsHandler;
import dev.perflens.lsp.handlers.ImportProfileHandler;
import dev.perflens.lsp.handlers.PreviewFixHandler;
import dev.perflens.lsp.profiles.ProfileReloader;
import dev.perflens.lsp.workspace.ClasspathService;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.lsp.policy.PolicyReloader;
import dev.perflens.lsp.policy.PolicyService;
import dev.perflens.protocol.FindingRef;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace notifications (folders, configuration, the policy file, pom.xml, profiles) and the server's commands. */
public final class PerflensWorkspaceService implements WorkspaceService {
    /** Returns the same result as the perflens/previewFix request; used by fixes over the policy's maxFixLines. */
    public static final String PREVIEW_FIX = "perflens.previewFix";
    /** Same as the perflens/benchmark request; carried by the "Benchmark this fix" code action. */
    public static final String BENCHMARK = "perflens.benchmark";
    /** Loads a profile (.jfr or .collapsed) given by path; returns a ProfileSummary. */
    public static final String IMPORT_PROFILE = "perflens.importProfile";
    /** Returns the same result as perflens/hotspots with default parameters; code lenses carry it. */
    public static final String HOTSPOTS = "perflens.hotspots";
    /**
     * The commands advertised in executeCommandProvider, which generic clients turn into editor
     * commands that forward to the server. perflens.previewFix is handled but not advertised:
     * its result is a diff to show, which a client does with a command of its own (VS Code's
     * "Preview Fix as Diff" has that very name, and two registrations of one name would stop
     * VS Code's language client from starting).
     */
    public static final java.util.List<String> COMMANDS = java.util.List.of(IMPORT_PROFILE, HOTSPOTS, BENCHMARK);

    private final WorkspaceRoots roots;
    private final ServerSettings settings;
    private final Provider<PolicyReloader> reloader;
    private final Provider<PreviewFixHandler> previewFix;
    private final Provider<BenchmarkHandler> benchmark;
    private final ExecutorService requests;
    private final Lifecycle lifecycle;
    private final Provider<ImportProfileHandler> importProfile;
    private final Provider<HotspotsHandler> hotspots;
    private final ProfileService profiles;
    private final ProfileReloader profileReloader;
    private final ClasspathService classpaths;

    private final Provider<WorkspaceAnalysis> workspace;

    @Inject
    public PerflensWorkspaceService(WorkspaceRoots roots, ServerSettings settings, Provider<PolicyReloader> reloader,
                                    Provider<PreviewFixHandler> previewFix, @RequestExecutor ExecutorService requests,
                                    Lifecycle lifecycle, Provider<ImportProfileHandler> importProfile,
                                    Provider<HotspotsHandler> hotspots, ProfileService profiles,
                                    ProfileReloader profileReloader, Provider<BenchmarkHandler> benchmark,
                                    ClasspathService classpaths, Provider<WorkspaceAnalysis> workspace) {
        this.classpaths = classpaths;
        this.workspace = workspace;
        this.lifecycle = lifecycle;
        this.importProfile = importProfile;
        this.hotspots = hotspots;
        this.profiles = profiles;
        this.profileReloader = profileReloader;
        this.benchmark = benchmark;
        this.roots = roots;
        this.settings = settings;
        this.reloader = reloader;
        this.previewFix = previewFix;
        this.requests = requests;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (!lifecycle.acceptsNotification("workspace/didChangeConfiguration")) {
            return;
        }
        java.util.List<String> before = settings.profiles();
        java.util.List<String> classpathBefore = settings.classpath();
        boolean trustedBefore = settings.workspaceTrusted();
        settings.update(params.getSettings());

        if (!before.equals(settings.profiles())) {
            profileReloader.reloadAsync();
        }
        if (trustedBefore != settings.workspaceTrusted()) {
            classpaths.trustChanged(); // resolves again, with the extra entries too
        } else if (!classpathBefore.equals(settings.classpath())) {
            roots.all().forEach(classpaths::refresh);
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        if (!lifecycle.acceptsNotification("workspace/didChangeWatchedFiles")) {
            return;
        }
        if (params.getChanges().stream().map(change -> DocumentStore.toPath(change.getUri())).anyMatch(profiles::concerns)) {
            profileReloader.reloadAsync();
        }
        params.getChanges().stream()
                .map(change -> DocumentStore.toPath(change.getUri()))
                .filter(PolicyService::isPolicyFile)
                .map(Path::getParent).distinct()
                .forEach(reloader.get()::reload);
        params.getChanges().stream()
                .map(change -> DocumentStore.toPath(change.getUri()))
                .filter(ClasspathService::isPom)
                .forEach(classpaths::pomChanged);
        params.getChanges().stream()
                .map(change -> DocumentStore.toPath(change.getUri()))
                .filter(path -> path.toString().endsWith(".java"))
                .forEach(workspace.get()::fileChanged);
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        lifecycle.checkRequest("workspace/executeCommand");
        if (IMPORT_PROFILE.equals(params.getCommand())) {
            return profileReloader.<Object>onProfileThread(() -> importProfile.get().handle(params.getArguments()));
        }
        if (HOTSPOTS.equals(params.getCommand())) {
            return CompletableFutures.computeAsync(requests, cancel -> hotspots.get().handle(null));
        }
        if (BENCHMARK.equals(params.getCommand())) {
            // The handler's future itself, not a copy: LSP4J cancels it on $/cancelRequest, and that stops the run.
            @SuppressWarnings({"unchecked", "rawtypes"})
            CompletableFuture<Object> result = (CompletableFuture) benchmark.get().handle(
                    BenchmarkHandler.paramsFromArguments(params.getArguments()), params.getWorkDoneToken());
            return result;
        }
        if (!PREVIEW_FIX.equals(params.getCommand())) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, "unknown command " + params.getCommand(), null)));
        }
        FindingRef ref = params.getArguments() == null || params.getArguments().isEmpty()
                ? null : Converters.findingRef(params.getArguments().get(0));
        return CompletableFutures.computeAsync(requests, cancel -> previewFix.get().handle(ref, cancel::checkCanceled));
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        if (!lifecycle.acceptsNotification("workspace/didChangeWorkspaceFolders")) {
            return;
        }
        params.getEvent().getRemoved().forEach(folder -> {
            workspace.get().forget(DocumentStore.toPath(folder.getUri()));
            roots.remove(folder.getUri());
        });
        params.getEvent().getAdded().forEach(folder -> {
            roots.add(folder.getUri());
            reloader.get().reload(DocumentStore.toPath(folder.getUri()));
            classpaths.resolveAsync(DocumentStore.toPath(folder.getUri()));
        });
    }
}
