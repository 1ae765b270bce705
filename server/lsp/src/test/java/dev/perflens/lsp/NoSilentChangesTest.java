package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import dev.perflens.protocol.FindingRef;
import dev.perflens.protocol.PreviewFixResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feature that proposes a change, exercised on every finding of the fixture project:
 * the server writes no workspace file (outside .perflens/), never asks the client to apply
 * an edit, and every edit it proposes is annotated with needsConfirmation.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NoSilentChangesTest {
    @TempDir
    Path workspace;

    @Test
    void proposalsOnlyNeverWrites() throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        Map<String, String> before = snapshot(workspace);
        List<WorkspaceEdit> proposed = new ArrayList<>();
        List<JsonObject> wire;
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
            try (Stream<Path> walk = Files.walk(workspace.resolve("src"))) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String uri = session.open(workspace.relativize(file).toString());
                    for (Diagnostic diagnostic : session.awaitDiagnostics(uri, 1)) {
                        List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = session.server.getTextDocumentService()
                                .codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.getRange(),
                                        new CodeActionContext(List.of(diagnostic)))).get();
                        for (Either<org.eclipse.lsp4j.Command, CodeAction> either : actions) {
                            CodeAction action = either.getRight();
                            if (action.getDisabled() != null || action.getCommand() != null) {
                                continue; // no edit to propose: a disabled action, or a command (benchmark, preview)
                            }
                            proposed.add(session.server.getTextDocumentService().resolveCodeAction(action).get().getEdit());
                            FindingRef ref = new Gson().fromJson(new Gson().toJsonTree(action.getData()), FindingRef.class);
                            PreviewFixResult preview = session.server.previewFix(ref).get();
                            proposed.add(preview.getEdit());
                            Object command = session.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                                    PerflensWorkspaceService.PREVIEW_FIX, List.of(ref))).get();
                            proposed.add(new Gson().fromJson(new Gson().toJsonTree(command), PreviewFixResult.class).getEdit());
                        }
                        session.server.getTextDocumentService().hover(new HoverParams(
                                new TextDocumentIdentifier(uri), diagnostic.getRange().getStart())).get();
                    }
                    session.server.getTextDocumentService().didSave(
                            new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri)));
                }
            }
            assertTrue(session.client.applyEditRequests.isEmpty(), "the server asked to apply an edit by itself");
            wire = session.sentMessages();
        }
        assertTrue(proposed.size() >= 21, "each of the 7 fixes proposed three ways; got " + proposed.size());
        int annotatedEdits = 0;
        for (JsonObject message : wire) {
            assertFalse(message.has("method") && message.get("method").getAsString().equals("workspace/applyEdit"),
                    "the server sent workspace/applyEdit: " + message);
            for (JsonObject edit : workspaceEdits(message)) {
                assertFalse(edit.has("changes"), "an unannotated changes map: " + edit);
                JsonObject annotations = edit.getAsJsonObject("changeAnnotations");
                for (JsonElement change : edit.getAsJsonArray("documentChanges")) {
                    assertTrue(change.getAsJsonObject().has("edits"), "no file creation, rename or deletion: " + change);
                    for (JsonElement textEdit : change.getAsJsonObject().getAsJsonArray("edits")) {
                        String annotation = textEdit.getAsJsonObject().get("annotationId").getAsString();
                        assertTrue(annotations.getAsJsonObject(annotation).get("needsConfirmation").getAsBoolean(),
                                "needsConfirmation on " + textEdit);
                        annotatedEdits++;
                    }
                }
            }
        }
        assertTrue(annotatedEdits >= proposed.size(), "edits seen on the wire: " + annotatedEdits);
        Map<String, String> after = snapshot(workspace);
        after.keySet().removeIf(path -> path.startsWith(".perflens/"));
        assertEquals(before, after, "workspace files changed");
        assertFalse(after.isEmpty());
    }

    /** Every object with documentChanges anywhere in a message: the WorkspaceEdits it carries. */
    private static List<JsonObject> workspaceEdits(JsonElement element) {
        List<JsonObject> found = new ArrayList<>();
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("documentChanges") || object.has("changes")) {
                found.add(object);
            }
            object.entrySet().forEach(entry -> found.addAll(workspaceEdits(entry.getValue())));
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> found.addAll(workspaceEdits(item)));
        }
        return found;
    }

    private static Map<String, String> snapshot(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }
}
