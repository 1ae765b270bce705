package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perflens.lsp.testing.RawLspProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real server process fed bad input: each gets the LSP-specified answer and the server keeps serving. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProtocolRobustnessTest {
    @TempDir
    Path workspace;

    private static String initialize(int id, Path root) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"rootUri\":\"" + root.toUri() + "\",\"capabilities\":{},"
                + "\"initializationOptions\":{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}}}";
    }

    private static String codeAction(int id, String uri, int line) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/codeAction\",\"params\":{"
                + "\"textDocument\":{\"uri\":\"" + uri + "\"},\"range\":{\"start\":{\"line\":" + line + ",\"character\":0},"
                + "\"end\":{\"line\":" + line + ",\"character\":99999}},\"context\":{\"diagnostics\":[]}}}";
    }

    private static JsonObject awaitDiagnostics(RawLspProcess server, String uri, int version) throws InterruptedException {
        return server.await(m -> "textDocument/publishDiagnostics".equals(m.has("method") ? m.get("method").getAsString() : null)
                && m.getAsJsonObject("params").get("uri").getAsString().equals(uri)
                && m.getAsJsonObject("params").has("version")
                && m.getAsJsonObject("params").get("version").getAsInt() == version, 60);
    }

    @Test
    void badInputGetsTheSpecifiedAnswerAndTheServerKeepsServing() throws Exception {
        Path file = workspace.resolve("Emoji.java");
        String uri = file.toUri().toString();
        try (RawLspProcess server = new RawLspProcess(workspace)) {
            server.send(codeAction(1, uri, 0));
            assertEquals(-32002, RawLspProcess.errorCode(server.response(1, 60)), "request before initialize");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"" + uri + "\",\"languageId\":\"java\",\"version\":1,\"text\":\"class A {}\"}}}");

            server.send(initialize(2, workspace));
            assertNotNull(server.response(2, 60).get("result"), "initialize");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"perflens/noSuchMethod\",\"params\":{}}");
            assertEquals(-32601, RawLspProcess.errorCode(server.response(4, 30)), "unknown method");

            server.sendRaw("Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}".getBytes(StandardCharsets.US_ASCII));
            int answered = 0;
            for (int id = 100; id < 110 && answered == 0; id++) {
                server.send(codeAction(id, uri, 0));
                answered = server.response(id, 5) != null ? id : 0;
            }
            assertTrue(answered > 0, "the server answers again after a frame with a wrong Content-Length");

            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"file:///never/opened.java\",\"version\":2},\"contentChanges\":[{\"text\":\"x\"}]}}");

            // Text with a surrogate pair before the finding and an invalid UTF-8 byte in a comment.
            String before = "class Emoji {\n  String f(String[] xs) {\n    String s = \"\";\n"
                    + "    for (String x : xs) { /* \uD83D\uDE00 */ s += x; } // ";
            String after = "\n    return s;\n  }\n}\n";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"" + uri + "\",\"languageId\":\"java\",\"version\":1,\"text\":\""
                    + before.replace("\n", "\\n").replace("\"", "\\\"")).getBytes(StandardCharsets.UTF_8));
            body.write(0xFF);
            body.writeBytes((after.replace("\n", "\\n") + "\"}}}").getBytes(StandardCharsets.UTF_8));
            server.sendBody(body.toByteArray());
            JsonObject published = awaitDiagnostics(server, uri, 1);
            assertNotNull(published, "diagnostics for the document with a surrogate pair and a bad byte");
            JsonArray diagnostics = published.getAsJsonObject("params").getAsJsonArray("diagnostics");
            assertEquals(1, diagnostics.size(), diagnostics.toString());
            JsonObject start = diagnostics.get(0).getAsJsonObject().getAsJsonObject("range").getAsJsonObject("start");
            int expectedColumn = before.substring(before.lastIndexOf('\n') + 1).indexOf("s += x");
            assertEquals(3, start.get("line").getAsInt());
            assertEquals(expectedColumn, start.get("character").getAsInt(), "UTF-16 column: the emoji counts as two");

            server.send(codeAction(20, uri, 99_999));
            JsonObject outOfRange = server.response(20, 30);
            assertEquals(0, RawLspProcess.errorCode(outOfRange), "out-of-range positions are not an error");

            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"" + uri + "\",\"version\":1},\"contentChanges\":[{\"text\":\"class Stale {}\"}]}}");
            server.send(codeAction(21, uri, 3));
            JsonObject stillThere = server.response(21, 30);
            long fixes = stillThere.getAsJsonArray("result").asList().stream()
                    .filter(action -> action.getAsJsonObject().get("title").getAsString().startsWith("Use a StringBuilder"))
                    .count();
            assertEquals(1, fixes, "a stale didChange is ignored: " + stillThere);

            server.send("{\"jsonrpc\":\"2.0\",\"id\":30,\"method\":\"shutdown\"}");
            assertTrue(server.response(30, 30).has("result"), "shutdown");
            server.send(codeAction(31, uri, 0));
            assertEquals(-32600, RawLspProcess.errorCode(server.response(31, 30)), "request after shutdown");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(server.process().waitFor(10, TimeUnit.SECONDS), "exit ends the process promptly");
            assertEquals(0, server.process().exitValue(), "exit after shutdown");
        }
    }

    @Test
    void aRequestNestedFiveThousandDeepIsRefusedAndTheNextIsAnswered() throws Exception {
        try (RawLspProcess server = new RawLspProcess(workspace)) {
            server.send(initialize(1, workspace));
            assertNotNull(server.response(1, 60));
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"perflens/hotspots\",\"params\":"
                    + "[".repeat(5000) + "]".repeat(5000) + "}");
            JsonObject refused = server.response(2, 30);
            assertEquals(-32700, RawLspProcess.errorCode(refused), String.valueOf(refused));
            long start = System.nanoTime();
            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
            assertNotNull(server.response(3, 10), "the request after the deep one is answered");
            System.out.printf("after a 5,000-deep request the next answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void exitWithoutShutdownEndsWithOne() throws Exception {
        try (RawLspProcess server = new RawLspProcess(workspace)) {
            server.send(initialize(1, workspace));
            assertNotNull(server.response(1, 60));
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(server.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(1, server.process().exitValue());
        }
    }

    @Test
    void closedInputEndsTheProcess() throws Exception {
        Files.writeString(workspace.resolve("A.java"), "class A {}");
        try (RawLspProcess server = new RawLspProcess(workspace)) {
            server.send(initialize(1, workspace));
            assertNotNull(server.response(1, 60));
            server.closeInput();
            assertTrue(server.process().waitFor(10, TimeUnit.SECONDS), "no orphan JVM when the editor goes away");
            assertEquals(1, server.process().exitValue(), "input closed without shutdown");
        }
    }
}
