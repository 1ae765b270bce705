package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.lsp.testing.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not open are analysed in the background from their text on disk: every
 * marked finding of the fixture is published without opening a file; a file closed after
 * editing shows its disk text's findings again; the setting turns the pass off.
 */
class WorkspaceAnalysisTest {
    private static final Pattern MARKER = Pattern.compile("^\\s*// PERF: ([a-z0-9-]+)\\s*$");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void closedFilesAreAnalysedInTheBackgroundAndAClosedFileFallsBackToItsDiskText(@TempDir Path workspace)
            throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        Set<String> expected = markers(workspace);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}");
            Map<String, PublishDiagnosticsParams> latest = new TreeMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!found(latest).equals(expected) && System.nanoTime() < deadline) {
                PublishDiagnosticsParams params = session.client.diagnostics.poll(1, TimeUnit.SECONDS);
                if (params != null) {
                    assertNull(params.getVersion(), "a file that is not open has no version: " + params.getUri());
                    latest.put(params.getUri(), params);
                }
            }
            assertEquals(expected, found(latest), "every marked finding, published without opening a file");

            String uri = session.open("src/main/java/com/example/orders/OrderMatcher.java");
            assertEquals(1, session.awaitDiagnostics(uri, 1).stream()
                    .filter(d -> d.getCode().getLeft().equals("list-membership-in-loop")).count());
            session.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
            PublishDiagnosticsParams cleared = session.awaitPublished(uri);
            assertTrue(cleared.getDiagnostics().isEmpty(), "closing clears the editor's diagnostics first");
            PublishDiagnosticsParams fromDisk = session.awaitPublished(uri);
            assertNull(fromDisk.getVersion());
            assertEquals(List.of("list-membership-in-loop"), fromDisk.getDiagnostics().stream()
                    .map(d -> d.getCode().getLeft()).toList(), "then the disk text's findings come back");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theSettingTurnsTheBackgroundPassOff(@TempDir Path workspace) throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        try (InProcessServer session = new InProcessServer(workspace)) {
            session.initialize("{\"perflens\":{\"analysis\":{\"debounceMs\":0,\"workspace\":false}}}");
            String uri = session.open("src/main/java/com/example/orders/OrderMatcher.java");
            session.awaitDiagnostics(uri, 1);
            PublishDiagnosticsParams other = session.client.diagnostics.poll(3, TimeUnit.SECONDS);
            assertNull(other, "nothing is published for files that are not open");
        }
    }

    /** "file-name:zero-based line:rule" of every finding the latest publications hold. */
    private static Set<String> found(Map<String, PublishDiagnosticsParams> latest) {
        Set<String> found = new TreeSet<>();
        latest.forEach((uri, params) -> params.getDiagnostics().forEach(d -> found.add(
                uri.substring(uri.lastIndexOf('/') + 1) + ":" + d.getRange().getStart().getLine() + ":" + d.getCode().getLeft())));
        return found;
    }

    private static Set<String> markers(Path workspace) throws Exception {
        Set<String> expected = new TreeSet<>();
        try (var walk = Files.walk(workspace.resolve("src"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher marker = MARKER.matcher(lines.get(i));
                    if (marker.matches()) {
                        expected.add(file.getFileName() + ":" + (i + 1) + ":" + marker.group(1));
                    }
                }
            }
        }
        assertTrue(expected.size() >= 5, "the fixture has marked findings: " + expected);
        return expected;
    }
}
