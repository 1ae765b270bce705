package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.protocol.HotspotsParams;
import dev.perflens.protocol.HotspotsResult;
import dev.perflens.protocol.PerflensProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CodeLensWorkspaceCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server over pipes with a profile: importing the recorded fixture profile re-ranks
 * the diagnostics (the hot finding is raised and says its share and profile), code lenses and
 * hovers appear on the hot method, perflens/hotspots puts it first, profiles in
 * .perflens/profiles load by themselves, and a broken profile is reported while the server
 * keeps serving.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProfilesEndToEndTest {
    static final Path RECORDED_JFR = Path.of("../../fixtures/profiles/order-service.jfr").toAbsolutePath().normalize();
    static final Path RECORDED_COLLAPSED = Path.of("../../fixtures/profiles/order-service.collapsed").toAbsolutePath()
            .normalize();

    interface RemoteServer extends LanguageServer, PerflensProtocol {
    }

    static final class Client implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
        final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
        final AtomicInteger lensRefreshes = new AtomicInteger();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
            messages.add(params);
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<Void> refreshCodeLenses() {
            lensRefreshes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }

    @TempDir
    Path workspace;
    private final Client client = new Client();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private RemoteServer server;
    private Path matcher;
    private String matcherUri;

    @BeforeEach
    void start() throws IOException {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        matcher = workspace.resolve("src/main/java/com/example/orders/OrderMatcher.java");
        matcherUri = matcher.toUri().toString();
        // NIO pipes: java.io's piped streams break once a writing thread ends (see InProcessServer)
        java.nio.channels.Pipe toServer = java.nio.channels.Pipe.open();
        java.nio.channels.Pipe toClient = java.nio.channels.Pipe.open();
        java.io.InputStream serverIn = java.nio.channels.Channels.newInputStream(toServer.source());
        java.io.OutputStream clientOut = java.nio.channels.Channels.newOutputStream(toServer.sink());
        java.io.InputStream clientIn = java.nio.channels.Channels.newInputStream(toClient.source());
        java.io.OutputStream serverOut = java.nio.channels.Channels.newOutputStream(toClient.sink());
        ServerLauncher serverLauncher = ServerLauncher.create(serverIn, serverOut);
        serverLauncher.server().onExit(exitCode::complete);
        serverLauncher.startListening();
        Launcher<RemoteServer> clientLauncher = new Launcher.Builder<RemoteServer>()
                .setLocalService(client).setRemoteInterface(RemoteServer.class)
                .setInput(clientIn).setOutput(clientOut).create();
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown().get(10, TimeUnit.SECONDS);
        server.exit();
        assertEquals(0, exitCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void importedProfileReRanksDiagnosticsAndShowsHotCode() throws Exception {
        initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
        openMatcher();
        List<Diagnostic> before = awaitDiagnostics(matcherUri, d -> true);
        Diagnostic staticOnly = only(before, "list-membership-in-loop");
        assertEquals(DiagnosticSeverity.Warning, staticOnly.getSeverity());
        assertTrue(server.getTextDocumentService().codeLens(lensParams()).get().isEmpty(), "no profile, no lenses");

        Object imported = server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                PerflensWorkspaceService.IMPORT_PROFILE, List.of(RECORDED_JFR.toString()))).get(60, TimeUnit.SECONDS);
        JsonObject summary = new Gson().toJsonTree(imported).getAsJsonObject();
        assertEquals("order-service.jfr", summary.get("name").getAsString());
        long samples = summary.get("cpuSamples").getAsLong();
        assertTrue(samples > 50, summary.toString());

        List<Diagnostic> after = awaitDiagnostics(matcherUri, ds -> ds.stream().anyMatch(d -> code(d).equals("hot-method")));
        Diagnostic hot = only(after, "list-membership-in-loop");
        assertEquals(DiagnosticSeverity.Error, hot.getSeverity(), "the finding on the hot line is raised: " + hot.getMessage());
        assertTrue(hot.getMessage().contains("of CPU samples in OrderMatcher.matchOrders (profile order-service.jfr, "
                + String.format(java.util.Locale.ROOT, "%,d", samples) + " samples)"), hot.getMessage());
        assertTrue(hot.getMessage().contains("severity raised from warning to error"), hot.getMessage());
        Diagnostic hotMethod = only(after, "hot-method");
        assertEquals(DiagnosticSeverity.Information, hotMethod.getSeverity());
        assertEquals(17, hotMethod.getRange().getStart().getLine(), "on the name of matchOrders");
        assertTrue(hotMethod.getMessage().startsWith("Hot method: ~"), hotMethod.getMessage());

        List<? extends CodeLens> lenses = server.getTextDocumentService().codeLens(lensParams()).get();
        CodeLens lens = lenses.stream().filter(l -> l.getRange().getStart().getLine() == 17).findFirst()
                .orElseThrow(() -> new AssertionError("no lens on matchOrders: " + lenses));
        assertTrue(lens.getCommand().getTitle().matches("\\d+% CPU .*\\d+ samples · order-service\\.jfr"),
                lens.getCommand().getTitle());
        assertEquals(PerflensWorkspaceService.HOTSPOTS, lens.getCommand().getCommand());

        Hover hover = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(matcherUri),
                new Position(21, 20))).get();
        assertNotNull(hover, "line 22 is hot");
        assertTrue(hover.getContents().getRight().getValue().contains("order-service.jfr"), hover.toString());
        assertTrue(hover.getContents().getRight().getValue().contains("of CPU samples"), hover.toString());
        assertNull(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(matcherUri),
                new Position(2, 0))).get(), "an import line has no samples");

        List<InlayHint> hints = server.getTextDocumentService().inlayHint(new InlayHintParams(
                new TextDocumentIdentifier(matcherUri), new Range(new Position(0, 0), new Position(40, 0)))).get();
        InlayHint onContains = hints.stream().filter(h -> h.getPosition().getLine() == 21).findFirst()
                .orElseThrow(() -> new AssertionError("no inlay hint on the hot line: " + hints));
        assertTrue(onContains.getLabel().getLeft().matches("\\d+(\\.\\d)?% CPU.*"), onContains.getLabel().getLeft());
        assertTrue(onContains.getTooltip().getRight().getValue().contains("order-service.jfr"));

        HotspotsParams request = new HotspotsParams();
        request.setLimit(3);
        HotspotsResult hotspots = server.hotspots(request).get();
        assertEquals("cpu", hotspots.getMetric());
        assertEquals(samples, hotspots.getTotalSamples());
        assertEquals("OrderMatcher.matchOrders", hotspots.getHotspots().get(0).getName());
        assertEquals(matcherUri, hotspots.getHotspots().get(0).getUri());
        assertEquals(21, hotspots.getHotspots().get(0).getHottestLine(), "zero-based line of wantedIds.contains");
        assertTrue(hotspots.getHotspots().size() <= 3);
        var inHotMethod = hotspots.getHotspots().get(0).getFindings();
        assertEquals(List.of("list-membership-in-loop"), inHotMethod.stream().map(f -> f.getRuleId()).toList(),
                "the one finding inside matchOrders (matchOrdersIndexed's clean loop is not in the method)");
        assertEquals(21, inHotMethod.get(0).getRange().getStart().getLine());
        assertTrue(inHotMethod.get(0).isFixAvailable());
        assertTrue(inHotMethod.get(0).getImpact().startsWith("O(n*m) -> O(n+m)"), inHotMethod.get(0).getImpact());
        assertEquals("order-service.jfr", hotspots.getProfiles().get(0).getName());
    }

    @Test
    void profilesFolderLoadsByItselfAndABrokenProfileIsReportedWhileTheServerServes() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve(".perflens/profiles"));
        Files.copy(RECORDED_COLLAPSED, folder.resolve("order-service.collapsed"));
        initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
        openMatcher();
        List<Diagnostic> ranked = awaitDiagnostics(matcherUri, ds -> ds.stream().anyMatch(d -> code(d).equals("hot-method")));
        assertTrue(only(ranked, "list-membership-in-loop").getMessage().contains("(profile order-service.collapsed, "),
                ranked.toString());

        // a collapsed file cut off mid-line, as a copy interrupted by the user would leave it
        Path broken = folder.resolve("broken.collapsed");
        Files.writeString(broken, "com/example/orders/OrderServiceApp.main;com/example/orders/OrderMatcher.matchOrders 12\n"
                + "com/example/orders/OrderServiceApp.main;com/exa");
        server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                List.of(new FileEvent(broken.toUri().toString(), FileChangeType.Created))));
        MessageParams error = client.messages.poll(60, TimeUnit.SECONDS);
        assertNotNull(error, "the broken profile is reported");
        assertEquals(MessageType.Error, error.getType());
        assertTrue(error.getMessage().contains(broken.toString()) && error.getMessage().contains("line 2: malformed"),
                error.getMessage());

        // the server keeps serving: edits are analysed, lenses answered, the good profile stays loaded
        String text = Files.readString(matcher) + "\n";
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(matcherUri, 2), List.of(new TextDocumentContentChangeEvent(text))));
        List<Diagnostic> later = awaitDiagnostics(matcherUri, ds -> true);
        assertTrue(only(later, "list-membership-in-loop").getMessage().contains("profile order-service.collapsed,"));
        assertTrue(server.getTextDocumentService().codeLens(lensParams()).get().size() >= 1);

        Path truncated = workspace.resolve("cut.jfr");
        byte[] recording = Files.readAllBytes(RECORDED_JFR);
        Files.write(truncated, Arrays.copyOf(recording, recording.length / 3));
        ExecutionException failure = assertFails(() -> server.getWorkspaceService().executeCommand(
                new ExecuteCommandParams(PerflensWorkspaceService.IMPORT_PROFILE, List.of("cut.jfr"))).get());
        String message = ((ResponseErrorException) failure.getCause()).getResponseError().getMessage();
        assertTrue(message.contains(truncated.toString()) && message.contains("truncated JFR recording"), message);
        assertEquals("OrderMatcher.matchOrders", server.hotspots(new HotspotsParams()).get().getHotspots().get(0).getName());
    }

    /** A profile deleted while the server loads it: at most a clear message, nothing left loaded, the server serves. */
    @Test
    void aProfileDeletedWhileLoadingLeavesNothingBehind() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve(".perflens/profiles"));
        Files.copy(RECORDED_JFR, folder.resolve("order-service.jfr"));
        initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
        openMatcher();
        awaitDiagnostics(matcherUri, ds -> ds.stream().anyMatch(d -> code(d).equals("hot-method")));

        for (int round = 0; round < 5; round++) {
            Path vanishing = folder.resolve("vanishing-" + round + ".jfr");
            Files.copy(RECORDED_JFR, vanishing);
            server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(vanishing.toUri().toString(), FileChangeType.Created))));
            Files.delete(vanishing);
            server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(vanishing.toUri().toString(), FileChangeType.Deleted))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> loaded;
        do {
            Thread.sleep(200);
            loaded = server.hotspots(new HotspotsParams()).get().getProfiles().stream().map(p -> p.getName()).toList();
        } while (!loaded.equals(List.of("order-service.jfr")) && System.nanoTime() < deadline);
        assertEquals(List.of("order-service.jfr"), loaded, "only the profile that still exists stays loaded");
        for (MessageParams message : client.messages) {
            // read before the copy finished, or after the delete: either way the file and what happened are named
            assertTrue(message.getMessage().contains("vanishing-") && (message.getMessage().contains("no such file")
                    || message.getMessage().contains("truncated JFR recording")),
                    "a vanished profile is named with what happened: " + message.getMessage());
        }
        String text = Files.readString(matcher) + "\n";
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(matcherUri, 2), List.of(new TextDocumentContentChangeEvent(text))));
        List<Diagnostic> later = awaitDiagnostics(matcherUri, ds -> ds.stream().anyMatch(d -> code(d).equals("hot-method")));
        assertTrue(only(later, "list-membership-in-loop").getMessage().contains("profile order-service.jfr,"), later.toString());
    }

    @Test
    void profilesSettingNamesFilesOutsideTheProfilesFolder() throws Exception {
        Files.copy(RECORDED_JFR, workspace.resolve("recorded.jfr"));
        initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
        openMatcher();
        awaitDiagnostics(matcherUri, ds -> ds.stream().noneMatch(d -> code(d).equals("hot-method")));
        server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"perflens\":{\"profiles\":[\"*.jfr\"]}}")));
        List<Diagnostic> ranked = awaitDiagnostics(matcherUri, ds -> ds.stream().anyMatch(d -> code(d).equals("hot-method")));
        assertTrue(only(ranked, "hot-method").getMessage().contains("(profile recorded.jfr, "), ranked.toString());
        assertTrue(client.lensRefreshes.get() >= 1, "the client is asked to refresh its code lenses");
    }

    private void initialize(String options) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "order-service")));
        ClientCapabilities capabilities = new ClientCapabilities();
        WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
        workspaceCapabilities.setCodeLens(new CodeLensWorkspaceCapabilities(true));
        capabilities.setWorkspace(workspaceCapabilities);
        params.setCapabilities(capabilities);
        params.setInitializationOptions(JsonParser.parseString(options));
        var result = server.initialize(params).get(30, TimeUnit.SECONDS);
        assertNotNull(result.getCapabilities().getCodeLensProvider());
        assertTrue(result.getCapabilities().getExecuteCommandProvider().getCommands()
                .contains(PerflensWorkspaceService.IMPORT_PROFILE));
        server.initialized(new InitializedParams());
    }

    private void openMatcher() throws IOException {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(matcherUri, "java", 1, Files.readString(matcher))));
    }

    private CodeLensParams lensParams() {
        return new CodeLensParams(new TextDocumentIdentifier(matcherUri));
    }

    private static String code(Diagnostic diagnostic) {
        return diagnostic.getCode().getLeft();
    }

    private static Diagnostic only(List<Diagnostic> diagnostics, String code) {
        List<Diagnostic> matching = diagnostics.stream().filter(d -> code(d).equals(code)).toList();
        assertEquals(1, matching.size(), code + " in " + diagnostics);
        return matching.get(0);
    }

    /** The next diagnostics published for {@code uri} that satisfy {@code wanted}. */
    private List<Diagnostic> awaitDiagnostics(String uri, Predicate<List<Diagnostic>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri) && wanted.test(params.getDiagnostics())) {
                return params.getDiagnostics();
            }
        }
        return fail("no matching diagnostics for " + uri);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ExecutionException assertFails(Call call) throws Exception {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e;
        }
        return fail("expected the command to fail");
    }
}
