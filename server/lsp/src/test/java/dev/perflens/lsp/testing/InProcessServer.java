package dev.perflens.lsp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import dev.perflens.engine.text.LineMap;
import dev.perflens.lsp.ServerLauncher;
import dev.perflens.protocol.PerflensProtocol;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionResolveSupportCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The real server, wired as in production, connected over pipes to an LSP4J client that
 * records what the server sends: diagnostics, messages, and any edit it asks to apply.
 */
public final class InProcessServer implements AutoCloseable {
    public interface RemoteServer extends LanguageServer, PerflensProtocol {
    }

    public static final class RecordingClient implements LanguageClient {
        public final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
        public final List<ApplyWorkspaceEditParams> applyEditRequests = new CopyOnWriteArrayList<>();
        public final List<MessageParams> shownMessages = new CopyOnWriteArrayList<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
            applyEditRequests.add(params);
            return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
            shownMessages.add(params);
        }

        /** Every window/showMessageRequest, in order. */
        public final List<ShowMessageRequestParams> messageRequests = new CopyOnWriteArrayList<>();
        /** The title of the action this client picks (null: the user dismissed the message). */
        public volatile java.util.function.Function<ShowMessageRequestParams, String> answer = params -> null;

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            messageRequests.add(params);
            String title = answer.apply(params);
            return CompletableFuture.completedFuture(title == null ? null : new MessageActionItem(title));
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

    public final Path workspace;
    public final RecordingClient client = new RecordingClient();
    public final RemoteServer server;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    /** Every byte the server sent, to check what went over the wire rather than what LSP4J's types keep. */
    private final java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();

    /** The messages the server sent so far, as raw JSON. */
    public List<com.google.gson.JsonObject> sentMessages() {
        byte[] bytes;
        synchronized (wire) {
            bytes = wire.toByteArray();
        }
        List<com.google.gson.JsonObject> messages = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int headerEnd = indexOf(bytes, "\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), at);
            if (headerEnd < 0) {
                break;
            }
            String header = new String(bytes, at, headerEnd - at, java.nio.charset.StandardCharsets.US_ASCII);
            int length = Integer.parseInt(header.replaceAll("(?s).*Content-Length: *(\\d+).*", "$1"));
            int bodyStart = headerEnd + 4;
            if (bodyStart + length > bytes.length) {
                break;
            }
            messages.add(JsonParser.parseString(new String(bytes, bodyStart, length,
                    java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject());
            at = bodyStart + length;
        }
        return messages;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Starts a server for {@code workspace} (not yet initialized). */
    public InProcessServer(Path workspace) throws IOException {
        this.workspace = workspace;
        // NIO pipes: java.io's piped streams break ("write end dead") once a writing thread ends,
        // and the server writes from short-lived threads too.
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        java.io.OutputStream toClientSink = Channels.newOutputStream(toClient.sink());
        java.io.OutputStream teed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                synchronized (wire) {
                    wire.write(bytes, offset, length);
                }
                toClientSink.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                toClientSink.flush();
            }
        };
        ServerLauncher launcher = ServerLauncher.create(Channels.newInputStream(toServer.source()), teed);
        launcher.server().onExit(exitCode::complete);
        launcher.startListening();
        Launcher<RemoteServer> clientLauncher = new Launcher.Builder<RemoteServer>()
                .setLocalService(client).setRemoteInterface(RemoteServer.class)
                .setInput(Channels.newInputStream(toClient.source()))
                .setOutput(Channels.newOutputStream(toServer.sink())).create();
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
    }

    /** initialize + initialized with a VS Code-like client: resolve support, documentChanges. */
    public InitializeResult initialize(String initializationOptionsJson) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "workspace")));
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
        params.setInitializationOptions(JsonParser.parseString(initializationOptionsJson));
        InitializeResult result = server.initialize(params).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return result;
    }

    /** Opens a workspace file at version 1 with its text from disk; returns its URI. */
    public String open(String relativePath) throws IOException {
        Path file = workspace.resolve(relativePath);
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "java", 1, Files.readString(file))));
        return uri;
    }

    public List<Diagnostic> awaitDiagnostics(String uri, int version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri) && Integer.valueOf(version).equals(params.getVersion())) {
                return params.getDiagnostics();
            }
        }
        return fail("no diagnostics for " + uri + " version " + version);
    }

    public PublishDiagnosticsParams awaitPublished(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri)) {
                return params;
            }
        }
        return fail("nothing published for " + uri);
    }

    /** Applies LSP text edits to a text, as an editor would. */
    public static String apply(String text, List<? extends TextEdit> edits) {
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

    /** shutdown + exit; the exit code must be 0. */
    @Override
    public void close() throws Exception {
        if (!exitCode.isDone()) {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
        }
        assertEquals(0, exitCode.get(30, TimeUnit.SECONDS), "exit after shutdown must report 0");
    }
}
