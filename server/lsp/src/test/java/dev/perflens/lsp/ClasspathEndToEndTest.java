package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server resolves a trusted Maven workspace's classpath in the background: while Maven cannot
 * resolve it (a dependency that does not exist) the user is told, analysis goes on without the
 * library types, and the hover of a finding says types were unresolved; once pom.xml is fixed
 * (a watched-file change) the classpath is resolved again and the library rules fire.
 */
class ClasspathEndToEndTest {
    private static final String AUDIT = """
            package com.example.inventory;

            import java.sql.PreparedStatement;
            import java.sql.SQLException;
            import java.util.List;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;

            final class Audit {
                private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

                void record(PreparedStatement insert, List<String> events) throws SQLException {
                    for (String event : events) {
                        LOG.debug("event " + event);
                        insert.setString(1, event);
                        insert.executeUpdate();
                    }
                }
            }
            """;

    @Test
    void unresolvableClasspathIsReportedThenResolvedAfterThePomChanges(@TempDir Path workspace) throws Exception {
        Fixtures.copyTree(Fixtures.JDBC_JACKSON_SERVICE, workspace);
        Path pom = workspace.resolve("pom.xml");
        String goodPom = Files.readString(pom);
        Files.writeString(pom, goodPom.replace("<version>2.0.17</version>", "<version>0.0.0-no-such-version</version>"));
        Files.writeString(workspace.resolve("src/main/java/com/example/inventory/Audit.java"), AUDIT);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0},\"workspace\":{\"trusted\":true}}}");
            String uri = session.open("src/main/java/com/example/inventory/Audit.java");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (session.client.shownMessages.stream().noneMatch(m -> m.getType() == MessageType.Warning
                    && m.getMessage().contains("could not resolve"))) {
                if (System.nanoTime() > deadline) {
                    fail("no warning about the classpath: " + session.client.shownMessages);
                }
                Thread.sleep(200);
            }
            List<Diagnostic> without = awaitRules(session, uri, List.of("query-in-loop"), deadline);
            assertTrue(without.stream().noneMatch(d -> codeOf(d).equals("logging-concat")),
                    "SLF4J did not resolve, so its rule stays silent: " + without);

            Diagnostic query = without.stream().filter(d -> codeOf(d).equals("query-in-loop")).findFirst().orElseThrow();
            Hover hover = session.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                    query.getRange().getStart())).get(60, TimeUnit.SECONDS);
            String text = hover.getContents().getRight().getValue();
            assertTrue(text.contains("could not be resolved in this file") && text.contains("org.slf4j")
                    && text.contains("classpath incomplete: Maven could not resolve"), text);

            Files.writeString(pom, goodPom);
            session.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                    List.of(new FileEvent(pom.toUri().toString(), FileChangeType.Changed))));
            awaitRules(session, uri, List.of("query-in-loop", "logging-concat"),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(180));
        }
    }

    private static String codeOf(Diagnostic diagnostic) {
        return diagnostic.getCode() == null ? "" : diagnostic.getCode().getLeft();
    }

    /** The first publication for {@code uri} whose diagnostics include every rule in {@code rules}. */
    private static List<Diagnostic> awaitRules(InProcessServer session, String uri, List<String> rules, long deadline)
            throws InterruptedException {
        List<Diagnostic> last = List.of();
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = session.client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri)) {
                last = params.getDiagnostics();
                if (rules.stream().allMatch(rule -> params.getDiagnostics().stream().anyMatch(d -> codeOf(d).equals(rule)))) {
                    return params.getDiagnostics();
                }
            }
        }
        return fail("no diagnostics with " + rules + " for " + uri + "; last: " + last);
    }
}
