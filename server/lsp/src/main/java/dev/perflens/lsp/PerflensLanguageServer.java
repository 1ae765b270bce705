package dev.perflens.lsp;

import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.benchmark.BenchmarkService;
import dev.perflens.lsp.workspace.ClasspathService;
import dev.perflens.lsp.handlers.BenchmarkHandler;
import dev.perflens.lsp.handlers.HotspotsHandler;
import dev.perflens.lsp.handlers.PreviewFixHandler;
import dev.perflens.lsp.profiles.ProfileReloader;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.protocol.BenchmarkParams;
import dev.perflens.protocol.BenchmarkResult;
import dev.perflens.protocol.HotspotsParams;
import dev.perflens.protocol.HotspotsResult;
import dev.perflens.protocol.FindingRef;
import dev.perflens.protocol.PerflensProtocol;
import dev.perflens.protocol.PreviewFixResult;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import dev.perflens.engine.policy.Policy;
import dev.perflens.lsp.policy.PolicyReloader;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import dev.perflens.lsp.logging.ClientLogHandler;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The LSP facade: lifecycle and capabilities here, everything else in a handler. */
public final class PerflensLanguageServer implements LanguageServer, LanguageClientAware, PerflensProtocol {
    private static final Logger LOG = Logger.getLogger(PerflensLanguageServer.class.getName());
    public static final String VERSION = versionOf();

    private final PerflensTextDocumentService textDocuments;
    private final PerflensWorkspaceService workspace;
    private final WorkspaceRoots roots;
    private final ClientSession session;
    private final ServerSettings settings;
    private final DiagnosticsPublisher diagnostics;
    private final Provider<PreviewFixHandler> previewFix;
    private final Provider<PolicyReloader> reloader;
    private final Provider<HotspotsHandler> hotspots;
    private final ProfileReloader profileReloader;
    private final Provider<BenchmarkHandler> benchmark;
    private final BenchmarkService benchmarks;
    private final ClasspathService classpaths;
    private final ExecutorService requests;
    private final Lifecycle lifecycle;
    private volatile IntConsumer exit = System::exit;

    private final dev.perflens.lsp.analysis.WorkspaceAnalysis workspaceAnalysis;

    @Inject
    public PerflensLanguageServer(PerflensTextDocumentService textDocuments, PerflensWorkspaceService workspace,
                                  WorkspaceRoots roots, ClientSession session, ServerSettings settings,
                                  DiagnosticsPublisher diagnostics, Provider<PreviewFixHandler> previewFix,
                                  Provider<PolicyReloader> reloader, @RequestExecutor ExecutorService requests,
                                  Lifecycle lifecycle, Provider<HotspotsHandler> hotspots,
                                  ProfileReloader profileReloader, Provider<BenchmarkHandler> benchmark,
                                  BenchmarkService benchmarks, ClasspathService classpaths,
                                  dev.perflens.lsp.analysis.WorkspaceAnalysis workspaceAnalysis) {
        this.classpaths = classpaths;
        this.workspaceAnalysis = workspaceAnalysis;
        this.lifecycle = lifecycle;
        this.reloader = reloader;
        this.hotspots = hotspots;
        this.profileReloader = profileReloader;
        this.benchmark = benchmark;
        this.benchmarks = benchmarks;
        this.textDocuments = textDocuments;
        this.workspace = workspace;
        this.roots = roots;
        this.session = session;
        this.settings = settings;
        this.diagnostics = diagnostics;
        this.previewFix = previewFix;
        this.requests = requests;
    }

    public boolean shutdownRequested() {
        return lifecycle.isShutdown();
    }

    /** What {@code exit} does; in-process tests replace System.exit. */
    public void onExit(IntConsumer exit) {
        this.exit = exit;
    }

    @Override
    public void connect(LanguageClient client) {
        session.setClient(client);
        diagnostics.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        session.setFeatures(ClientFeatures.of(params.getCapabilities()));
        settings.onChange(() -> {
            if (session.log() != null) {
                session.log().setMessageLevel(ClientLogHandler.parseLevel(settings.logLevel()));
            }
        });
        settings.update(params.getInitializationOptions());
        if (session.log() != null && params.getTrace() != null) {
            session.log().setTrace(params.getTrace());
        }
        roots.initialize(params);

        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        CodeActionOptions codeActions = new CodeActionOptions(List.of(CodeActionKind.QuickFix));
        codeActions.setResolveProvider(true);
        capabilities.setCodeActionProvider(codeActions);
        capabilities.setHoverProvider(true);
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        capabilities.setWorkspace(new WorkspaceServerCapabilities(folders));
        capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(PerflensWorkspaceService.COMMANDS));
        capabilities.setCodeLensProvider(new CodeLensOptions(false));
        capabilities.setHoverProvider(true);
        capabilities.setInlayHintProvider(true);
        diagnostics.warmUp(); // before any thread of ours can start the compiler
        lifecycle.markInitialized();
        LOG.info("initialized for " + params.getClientInfo() + ", debounce " + settings.debounceMs() + " ms");
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("perflens", VERSION)));
    }

    @Override
    public void initialized(InitializedParams params) {
        if (!lifecycle.acceptsNotification("initialized")) {
            return;
        }
        roots.all().forEach(reloader.get()::reload);
        roots.all().forEach(classpaths::resolveAsync);
        profileReloader.reloadAsync();
        LanguageClient client = session.client();
        if (client != null && session.features().watchesFilesDynamically()) {
            DidChangeWatchedFilesRegistrationOptions watch = new DidChangeWatchedFilesRegistrationOptions(List.of(
                    new FileSystemWatcher(Either.forLeft("**/" + Policy.FILE_NAME)),
                    new FileSystemWatcher(Either.forLeft("**/" + dev.perflens.engine.workspace.MavenProject.POM)),
                    new FileSystemWatcher(Either.forLeft("**/{build,settings}.gradle{,.kts}")),
                    new FileSystemWatcher(Either.forLeft("**/{libs.versions.toml,gradle.properties}")),
                    new FileSystemWatcher(Either.forLeft("**/*.java")),
                    new FileSystemWatcher(Either.forLeft("**/" + ProfileService.PROFILE_FOLDER + "/*.{jfr,collapsed,folded}"))));
            client.registerCapability(new RegistrationParams(List.of(new Registration(
                    "perflens-policy-watch", "workspace/didChangeWatchedFiles", watch))));
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        lifecycle.checkRequest("shutdown");
        lifecycle.markShutdown();
        benchmarks.close();
        classpaths.close();
        workspaceAnalysis.close();
        diagnostics.close();
        profileReloader.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setTrace(SetTraceParams params) {
        if (session.log() != null) {
            session.log().setTrace(params.getValue());
        }
    }

    @Override
    public void exit() {
        benchmarks.close();
        requests.shutdownNow();
        session.disconnect();
        exit.accept(lifecycle.isShutdown() ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    @Override
    public CompletableFuture<PreviewFixResult> previewFix(FindingRef params) {
        lifecycle.checkRequest("perflens/previewFix");
        return CompletableFutures.computeAsync(requests, cancel -> previewFix.get().handle(params, cancel::checkCanceled));
    }

    @Override
    public CompletableFuture<HotspotsResult> hotspots(HotspotsParams params) {
        lifecycle.checkRequest("perflens/hotspots");
        return CompletableFutures.computeAsync(requests, cancel -> hotspots.get().handle(params, cancel::checkCanceled));
    }

    @Override
    public CompletableFuture<BenchmarkResult> benchmark(BenchmarkParams params) {
        lifecycle.checkRequest("perflens/benchmark");
        return benchmark.get().handle(params, null);
    }

    /** The user canceled a progress: only benchmarks have cancellable ones. */
    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        benchmarks.cancelProgress(params.getToken());
    }

    private static String versionOf() {
        String version = PerflensLanguageServer.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
