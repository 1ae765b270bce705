package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import dev.perflens.protocol.FindingRef;
import dev.perflens.protocol.PreviewFixResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
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
    @TempDir
    Path workspace;
    private InProcessServer session;
    private InProcessServer.RemoteServer server;

    @BeforeEach
    void start() throws IOException {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        session = new InProcessServer(workspace);
        server = session.server;
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
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
        assertTrue(action.getTitle().matches("Use a StringBuilder for 'report' \\(~[0-9.,]+x faster at (the default )?n=\\w+ \\([0-9.,]+-[0-9.,]+x\\)\\)"),
                "the title carries the calibration's measured speed-up: " + action.getTitle());
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


    private void initialize() throws Exception {
        var result = session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
        assertTrue(result.getCapabilities().getCodeActionProvider().getRight().getResolveProvider());
    }

    private List<Diagnostic> awaitDiagnostics(String uri, int version) throws InterruptedException {
        return session.awaitDiagnostics(uri, version);
    }

    private PublishDiagnosticsParams awaitPublished(String uri) throws InterruptedException {
        return session.awaitPublished(uri);
    }

    /** What a client sends back: the data object as plain JSON. */
    private static FindingRef gsonRoundTrip(Object data) {
        JsonObject json = (JsonObject) new com.google.gson.Gson().toJsonTree(data);
        return Converters.findingRef(json);
    }

    static String apply(String text, List<TextEdit> edits) {
        return InProcessServer.apply(text, edits);
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
