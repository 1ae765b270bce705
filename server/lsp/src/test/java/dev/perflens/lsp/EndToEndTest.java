package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perflens.engine.text.LineMap;
import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.protocol.FindingRef;
import dev.perflens.protocol.PerflensProtocol;
import dev.perflens.protocol.PreviewFixResult;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeActionResolveSupportCapabilities;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server over piped streams with an LSP4J client: open a fixture file, await the
 * diagnostics, get and resolve a quick fix, apply it, and check that the result compiles and
 * the diagnostic is gone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndTest {
    interface RemoteServer extends LanguageServer, PerflensProtocol {
    }

    static final class RecordingClient implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

    @TempDir
    Path workspace;
    private final RecordingClient client = new RecordingClient();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private RemoteServer server;

    @BeforeEach
    void start() throws IOException {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);

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
        if (!exitCode.isDone()) {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
        }
        assertEquals(0, exitCode.get(10, TimeUnit.SECONDS), "exit after shutdown must report 0");
    }

    @Test
    void findsExplainsAndFixesAfterConfirmation() throws Exception {
        initialize();
        Path file = workspace.resolve("src/main/java/com/example/orders/ReportService.java");
        String uri = file.toUri().toString();
        String text = Files.readString(file);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "java", 1, text)));

        List<Diagnostic> diagnostics = awaitDiagnostics(uri, 1);
        List<Diagnostic> concat = diagnostics.stream()
                .filter(d -> d.getCode().getLeft().equals("string-concat-in-loop")).toList();
        assertEquals(4, concat.size(), "ReportService has four marked string-concat-in-loop findings: " + diagnostics);
        Diagnostic first = concat.stream().min(Comparator.comparingInt(d -> d.getRange().getStart().getLine())).get();
        assertEquals("perflens", first.getSource());
        assertTrue(first.getMessage().contains("O(n^2)") && first.getMessage().contains("StringBuilder"), first.getMessage());
        assertTrue(first.getMessage().contains("Impact: O(n^2) -> O(n)"), first.getMessage());
        assertTrue(first.getCodeDescription().getHref().endsWith("string-concat-in-loop.md"));
        assertTrue(Files.exists(Path.of(java.net.URI.create(first.getCodeDescription().getHref()))));
        Diagnostic field = concat.stream().filter(d -> d.getMessage().contains("'summary'")).findFirst().orElseThrow();
        assertTrue(field.getMessage().contains("No automatic fix here: 'summary' is a field"), field.getMessage());

        CodeActionParams request = new CodeActionParams(new TextDocumentIdentifier(uri), first.getRange(),
                new CodeActionContext(List.of(first)));
        List<Either<Command, CodeAction>> actions = server.getTextDocumentService().codeAction(request).get();
        CodeAction action = actions.stream().map(Either::getRight)
                .filter(a -> a.getTitle().startsWith("Use a StringBuilder")).findFirst()
                .orElseThrow(() -> new AssertionError("no StringBuilder quick fix in " + actions));
        assertEquals("quickfix", action.getKind());
        assertTrue(action.getTitle().endsWith("(O(n^2) -> O(n))"), action.getTitle());
        assertTrue(action.getIsPreferred());
        assertNull(action.getEdit(), "the edit is computed on resolve");

        CodeAction resolved = server.getTextDocumentService().resolveCodeAction(action).get();
        WorkspaceEdit edit = resolved.getEdit();
        assertNotNull(edit);
        assertTrue(edit.getChangeAnnotations().get(Converters.FIX_ANNOTATION).getNeedsConfirmation());
        TextDocumentEdit documentEdit = edit.getDocumentChanges().get(0).getLeft();
        assertEquals(1, documentEdit.getTextDocument().getVersion());
        String fixed = apply(text, documentEdit.getEdits());
        assertTrue(fixed.contains("StringBuilder reportBuilder = new StringBuilder();"), fixed);

        PreviewFixResult preview = server.previewFix(gsonRoundTrip(action.getData())).get();
        assertTrue(preview.getDiff().startsWith("--- a/src/main/java/com/example/orders/ReportService.java\n"),
                preview.getDiff());
        assertTrue(preview.getDiff().contains("\n+        StringBuilder reportBuilder = new StringBuilder();\n"),
                preview.getDiff());
        assertEquals(fixed, apply(text, preview.getEdit().getDocumentChanges().get(0).getLeft().getEdits()));

        Files.writeString(file, fixed);
        assertProjectCompiles();

        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(fixed))));
        List<Diagnostic> after = awaitDiagnostics(uri, 2);
        assertEquals(diagnostics.size() - 1, after.size(), "exactly the fixed finding is gone: " + after);
        assertFalse(after.stream().anyMatch(d -> d.getMessage().contains("'report'")), after.toString());

        ExecutionException stale = assertThrowsExecution(() -> server.getTextDocumentService().resolveCodeAction(action).get());
        assertEquals(ResponseErrorCode.ContentModified.getValue(),
                ((ResponseErrorException) stale.getCause()).getResponseError().getCode());
    }

    @Test
    void teamPolicyDisablesRulesCapsFixesAndReloadsOnChange() throws Exception {
        Path policyFile = workspace.resolve(".perflens.json");
        Files.writeString(policyFile, """
                {
                  "rules": {"regex-in-loop": {"enabled": false}},
                  "maxFixLines": 1,
                  "fixLimit": 3
                }
                """);
        initialize();
        PublishDiagnosticsParams policyDiagnostics = awaitPublished(policyFile.toUri().toString());
        assertEquals(1, policyDiagnostics.getDiagnostics().size());
        Diagnostic unknownKey = policyDiagnostics.getDiagnostics().get(0);
        assertEquals(3, unknownKey.getRange().getStart().getLine(), "zero-based line of \"fixLimit\"");
        assertTrue(unknownKey.getMessage().contains("unknown key 'fixLimit'"), unknownKey.getMessage());

        Path importer = workspace.resolve("src/main/java/com/example/orders/CsvImporter.java");
        String importerUri = importer.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(importerUri, "java", 1, Files.readString(importer))));
        List<Diagnostic> withPolicy = awaitDiagnostics(importerUri, 1);
        assertTrue(withPolicy.stream().noneMatch(d -> d.getCode().getLeft().equals("regex-in-loop")), withPolicy.toString());
        assertEquals(2, withPolicy.size(), "the two list-membership-in-loop findings stay: " + withPolicy);

        Path report = workspace.resolve("src/main/java/com/example/orders/ReportService.java");
        String reportUri = report.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(reportUri, "java", 1, Files.readString(report))));
        Diagnostic concat = awaitDiagnostics(reportUri, 1).stream()
                .filter(d -> d.getMessage().contains("'report'")).findFirst().orElseThrow();
        List<Either<Command, CodeAction>> actions = server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(reportUri), concat.getRange(), new CodeActionContext(List.of(concat)))).get();
        assertEquals(2, actions.size(), "the preview and \"Benchmark this fix\": " + actions);
        CodeAction previewOnly = actions.get(0).getRight();
        assertEquals("Benchmark this fix", actions.get(1).getRight().getTitle());
        assertTrue(previewOnly.getTitle().startsWith("Preview: Use a StringBuilder for 'report'"), previewOnly.getTitle());
        assertTrue(previewOnly.getTitle().contains("over the policy's maxFixLines 1"), previewOnly.getTitle());
        assertNull(previewOnly.getEdit());
        assertFalse(previewOnly.getIsPreferred());
        Object preview = server.getWorkspaceService().executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams(
                previewOnly.getCommand().getCommand(), previewOnly.getCommand().getArguments())).get();
        assertTrue(new com.google.gson.Gson().toJsonTree(preview).getAsJsonObject().get("diff").getAsString()
                .contains("+        StringBuilder reportBuilder"), String.valueOf(preview));

        Files.writeString(policyFile, "{ \"rules\": ");
        server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(List.of(
                new org.eclipse.lsp4j.FileEvent(policyFile.toUri().toString(), org.eclipse.lsp4j.FileChangeType.Changed))));
        Diagnostic invalid = awaitPublished(policyFile.toUri().toString()).getDiagnostics().get(0);
        assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Error, invalid.getSeverity());
        assertTrue(invalid.getMessage().contains("defaults are in force"), invalid.getMessage());
        List<Diagnostic> defaults = awaitDiagnostics(importerUri, 1);
        assertEquals(5, defaults.size(), "defaults bring back the three regex-in-loop findings: " + defaults);
    }

    private PublishDiagnosticsParams awaitPublished(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri)) {
                return params;
            }
        }
        return fail("nothing published for " + uri);
    }

    private void initialize() throws Exception {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "order-service")));
        ClientCapabilities capabilities = new ClientCapabilities();
        TextDocumentClientCapabilities textDocument = new TextDocumentClientCapabilities();
        CodeActionCapabilities codeAction = new CodeActionCapabilities();
        codeAction.setResolveSupport(new CodeActionResolveSupportCapabilities(List.of("edit")));
        codeAction.setDataSupport(true);
        textDocument.setCodeAction(codeAction);
        capabilities.setTextDocument(textDocument);
        WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
        WorkspaceEditCapabilities workspaceEdit = new WorkspaceEditCapabilities();
        workspaceEdit.setDocumentChanges(true);
        workspaceCapabilities.setWorkspaceEdit(workspaceEdit);
        capabilities.setWorkspace(workspaceCapabilities);
        params.setCapabilities(capabilities);
        params.setInitializationOptions(JsonParser.parseString("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}"));
        var result = server.initialize(params).get(30, TimeUnit.SECONDS);
        assertTrue(result.getCapabilities().getCodeActionProvider().getRight().getResolveProvider());
        server.initialized(new InitializedParams());
    }

    private List<Diagnostic> awaitDiagnostics(String uri, int version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri) && Integer.valueOf(version).equals(params.getVersion())) {
                return params.getDiagnostics();
            }
        }
        return fail("no diagnostics for " + uri + " version " + version);
    }

    /** What a client sends back: the data object as plain JSON. */
    private static FindingRef gsonRoundTrip(Object data) {
        JsonObject json = (JsonObject) new com.google.gson.Gson().toJsonTree(data);
        return Converters.findingRef(json);
    }

    static String apply(String text, List<TextEdit> edits) {
        LineMap lines = new LineMap(text);
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> lines.offset(e.getRange().getStart().getLine(),
                e.getRange().getStart().getCharacter(), text)).reversed());
        StringBuilder out = new StringBuilder(text);
        for (TextEdit edit : sorted) {
            int start = lines.offset(edit.getRange().getStart().getLine(), edit.getRange().getStart().getCharacter(), text);
            int end = lines.offset(edit.getRange().getEnd().getLine(), edit.getRange().getEnd().getCharacter(), text);
            out.replace(start, end, edit.getNewText());
        }
        return out.toString();
    }

    private void assertProjectCompiles() throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        Path output = Files.createTempDirectory("perflens-e2e-classes");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(problems, null, null);
             Stream<Path> walk = Files.walk(workspace.resolve("src"))) {
            List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
            boolean ok = compiler.getTask(null, files, problems, List.of("-d", output.toString()), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, () -> "fixed project does not compile: " + problems.getDiagnostics());
        }
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static ExecutionException assertThrowsExecution(ThrowingCall call) throws Exception {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e;
        }
        return fail("expected the request to fail");
    }
}
