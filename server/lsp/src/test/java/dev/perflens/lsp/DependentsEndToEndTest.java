package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.fail;

import dev.perflens.lsp.testing.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a file whose signature changed re-checks the open files that use it, against the saved version. */
class DependentsEndToEndTest {
    private static final String LIB = """
            package p;

            public class Lib {
                public java.util.List<String> items() {
                    return java.util.List.of("a");
                }
            }
            """;
    private static final String USER = """
            package p;

            class User {
                int count(Lib lib, java.util.List<String> wanted) {
                    var have = lib.items();
                    int n = 0;
                    for (String w : wanted) {
                        if (have.contains(w)) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            """;

    @Test
    void changedReturnTypeOnSaveRechecksTheUser(@TempDir Path workspace) throws Exception {
        Path sources = Files.createDirectories(workspace.resolve("src/main/java/p"));
        Files.writeString(sources.resolve("Lib.java"), LIB);
        Files.writeString(sources.resolve("User.java"), USER);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
            String lib = session.open("src/main/java/p/Lib.java");
            String user = session.open("src/main/java/p/User.java");
            await(session, user, d -> d.stream().anyMatch(x -> "list-membership-in-loop".equals(x.getCode().getLeft())),
                    "a List searched in a loop");

            String changed = LIB.replace("java.util.List<String> items()", "java.util.Set<String> items()")
                    .replace("java.util.List.of(\"a\")", "java.util.Set.of(\"a\")");
            session.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(lib, 2), List.of(new TextDocumentContentChangeEvent(changed))));
            Files.writeString(sources.resolve("Lib.java"), changed);
            Thread.sleep(300); // the signatures of the opened text are taken in the background
            session.server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(lib)));
            await(session, user, List::isEmpty, "no finding once items() returns a Set");
        }
    }

    private static void await(InProcessServer session, String uri, Predicate<List<Diagnostic>> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Diagnostic> last = null;
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = session.client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri)) {
                last = params.getDiagnostics();
                if (wanted.test(last)) {
                    return;
                }
            }
        }
        fail("never published " + what + " for " + uri + "; last: " + last);
    }
}
