package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of 200 edits to one file while code actions and hovers are requested: the final
 * diagnostics are those of the last version, requests fail only with the errors LSP allows,
 * and nothing deadlocks (the timeout proves it).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
    @TempDir
    Path workspace;

    @Test
    void burstOfEditsEndsWithTheLastVersionsDiagnostics() throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":20}}}");
            String path = "src/main/java/com/example/orders/ReportService.java";
            String uri = session.open(path);
            String text = Files.readString(workspace.resolve(path));
            int expectedFindings = session.awaitDiagnostics(uri, 1).size();

            List<CompletableFuture<?>> requests = new ArrayList<>();
            for (int version = 2; version <= 201; version++) {
                // insert, then delete, a space at the start of line 0: every other version has the original text
                boolean insert = version % 2 == 0;
                Range at = new Range(new Position(0, 0), new Position(0, insert ? 0 : 1));
                session.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, version),
                        List.of(new TextDocumentContentChangeEvent(at, insert ? " " : ""))));
                if (version % 10 == 0) {
                    Range anywhere = new Range(new Position(0, 0), new Position(200, 0));
                    requests.add(session.server.getTextDocumentService().codeAction(new CodeActionParams(
                            new TextDocumentIdentifier(uri), anywhere, new CodeActionContext(List.of()))));
                    requests.add(session.server.getTextDocumentService().hover(
                            new HoverParams(new TextDocumentIdentifier(uri), new Position(24, 14))));
                }
            }
            List<Diagnostic> last = session.awaitDiagnostics(uri, 201);
            assertEquals(expectedFindings, last.size(), "version 201 has the original text again");
            int answered = 0;
            for (CompletableFuture<?> request : requests) {
                try {
                    request.get(60, TimeUnit.SECONDS);
                    answered++;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof ResponseErrorException error
                                    && (error.getResponseError().getCode() == ResponseErrorCode.ContentModified.getValue()
                                    || error.getResponseError().getCode() == ResponseErrorCode.RequestCancelled.getValue()),
                            "only ContentModified or RequestCancelled may fail a request: " + e.getCause());
                }
            }
            assertTrue(answered > 0, "requests during the burst are answered");
            assertEquals(text.length(), Files.readString(workspace.resolve(path)).length(), "the file on disk is untouched");
        }
    }
}
