package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import dev.perflens.lsp.workspace.WorkspaceTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An untrusted folder runs nothing of its own: its {@code ./mvnw} (here a script that leaves a
 * mark) is not started, the library rules still fire because the pom's coordinates are found in the
 * local Maven repository, and the server asks once, by {@code window/showMessageRequest}, whether to
 * trust the folder. Trusting it resolves the classpath with the folder's wrapper.
 */
class WorkspaceTrustEndToEndTest {
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

    /** A wrapper that records that it ran, then runs the installed Maven as a real mvnw would. */
    static Path wrapperThatLeavesAMark(Path project, Path mark) throws Exception {
        Path wrapper = project.resolve("mvnw");
        Files.writeString(wrapper, "#!/bin/sh\necho ran >> '" + mark + "'\nexec mvn \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    @Test
    void untrustedFolderRunsNoWrapperStillGetsLibraryDiagnosticsAndIsAskedOnce(@TempDir Path temp) throws Exception {
        Path workspace = temp.resolve("downloaded");
        Fixtures.copyTree(Fixtures.JDBC_JACKSON_SERVICE, workspace);
        Files.writeString(workspace.resolve("src/main/java/com/example/inventory/Audit.java"), AUDIT);
        Path mark = temp.resolve("wrapper-ran");
        wrapperThatLeavesAMark(workspace, mark);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.client.answer = params -> WorkspaceTrust.NOT_NOW;
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
            String uri = session.open("src/main/java/com/example/inventory/Audit.java");

            List<Diagnostic> diagnostics = awaitRules(session, uri, List.of("query-in-loop", "logging-concat"));
            assertTrue(diagnostics.stream().anyMatch(d -> code(d).equals("logging-concat")),
                    "SLF4J came from ~/.m2 by the pom's coordinates: " + diagnostics);
            ShowMessageRequestParams prompt = awaitPrompt(session);
            assertTrue(prompt.getMessage().contains("is not trusted") && prompt.getMessage().contains("./mvnw not run"),
                    prompt.getMessage());
            assertEquals(List.of(WorkspaceTrust.TRUST, WorkspaceTrust.NOT_NOW),
                    prompt.getActions().stream().map(MessageActionItem::getTitle).toList());

            // a change of the pom resolves again: still nothing runs, and the question is not repeated
            session.server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                    List.of(new org.eclipse.lsp4j.FileEvent(workspace.resolve("pom.xml").toUri().toString(),
                            org.eclipse.lsp4j.FileChangeType.Changed))));
            awaitRules(session, uri, List.of("query-in-loop", "logging-concat"));
            Thread.sleep(500);
            assertEquals(1, session.client.messageRequests.size(), "asked once: " + session.client.messageRequests);
            assertFalse(Files.exists(mark), "the untrusted folder's wrapper must not run");
        }
    }

    @Test
    void trustingTheFolderRunsItsWrapper(@TempDir Path temp) throws Exception {
        Path workspace = temp.resolve("mine");
        Fixtures.copyTree(Fixtures.JDBC_JACKSON_SERVICE, workspace);
        Path mark = temp.resolve("wrapper-ran");
        wrapperThatLeavesAMark(workspace, mark);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.client.answer = params -> WorkspaceTrust.TRUST;
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
            awaitPrompt(session);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(mark)) {
                if (System.nanoTime() > deadline) {
                    fail("the trusted folder's wrapper did not run");
                }
                Thread.sleep(200);
            }
        }
    }

    private static ShowMessageRequestParams awaitPrompt(InProcessServer session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (session.client.messageRequests.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("no trust prompt");
            }
            Thread.sleep(100);
        }
        return session.client.messageRequests.get(0);
    }

    private static String code(Diagnostic diagnostic) {
        return diagnostic.getCode() == null ? "" : diagnostic.getCode().getLeft();
    }

    private static List<Diagnostic> awaitRules(InProcessServer session, String uri, List<String> rules)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<Diagnostic> last = List.of();
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = session.client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(uri)) {
                last = params.getDiagnostics();
                if (rules.stream().allMatch(rule -> params.getDiagnostics().stream().anyMatch(d -> code(d).equals(rule)))) {
                    return params.getDiagnostics();
                }
            }
        }
        return fail("no diagnostics with " + rules + " for " + uri + "; last: " + last);
    }
}
