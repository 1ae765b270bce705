package dev.perflens.lsp.analysis;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.RuleDocs;
import dev.perflens.lsp.ServerSettings;
import dev.perflens.lsp.benchmark.WorkDoneProgress;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.Diagnostic;

/**
 * Analyses the workspace's files that are not open, in the background, after the open ones:
 * one file at a time on a low-priority thread that steps aside while an open document or a
 * request is being analysed, with progress, and publishes their diagnostics (from the text on
 * disk). A new pass for a folder cancels the running one; closing a folder clears what it
 * published. {@code perflens.analysis.workspace: false} turns it off.
 */
@Singleton
public final class WorkspaceAnalysis implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkspaceAnalysis.class.getName());

    private final WorkspaceRoots roots;
    private final AnalysisService analysis;
    private final DiagnosticsPublisher publisher;
    private final DocumentStore documents;
    private final ServerSettings settings;
    private final RuleDocs docs;
    private final ClientSession session;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(dev.perflens.lsp.DaemonThreads.lowPriority("perflens-workspace"));
    private final Map<Path, AtomicBoolean> passes = new ConcurrentHashMap<>();
    private final Map<Path, Set<String>> published = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Inject
    public WorkspaceAnalysis(WorkspaceRoots roots, AnalysisService analysis, DiagnosticsPublisher publisher,
                             DocumentStore documents, ServerSettings settings, RuleDocs docs, ClientSession session) {
        this.roots = roots;
        this.analysis = analysis;
        this.publisher = publisher;
        this.documents = documents;
        this.settings = settings;
        this.docs = docs;
        this.session = session;
    }

    /** (Re)analyses every closed file of the folder in the background; a running pass of it stops. */
    public void start(Path root) {
        if (!settings.workspaceAnalysis() || closed) {
            return;
        }
        AtomicBoolean canceled = new AtomicBoolean();
        AtomicBoolean previous = passes.put(root, canceled);
        if (previous != null) {
            previous.set(true);
        }
        executor.execute(() -> pass(root, canceled));
    }

    /** A file was closed or changed on disk: its disk text is analysed again (it is not open now). */
    public void fileChanged(Path file) {
        if (!settings.workspaceAnalysis() || closed || !file.toString().endsWith(".java")) {
            return;
        }
        roots.rootOf(file).ifPresent(root -> executor.execute(() -> {
            if (!closed && roots.layout(root).flatMap(layout -> layout.sourceRootOf(file)).isPresent()) {
                analyzeFile(root, file, () -> { });
            }
        }));
    }

    /** The folder was closed: its pass stops and the diagnostics it published are withdrawn. */
    public void forget(Path root) {
        AtomicBoolean running = passes.remove(root);
        if (running != null) {
            running.set(true);
        }
        Set<String> uris = published.remove(root);
        if (uris != null) {
            uris.forEach(uri -> publisher.publishClosed(uri, List.of()));
        }
    }

    private void pass(Path root, AtomicBoolean canceled) {
        Optional<ProjectLayout> layout = roots.layout(root);
        if (layout.isEmpty() || canceled.get()) {
            return;
        }
        List<Path> files = layout.get().javaFiles();
        WorkDoneProgress progress = WorkDoneProgress.open(session.client(), null, session.features().workDoneProgress(),
                "perflens-workspace-" + root.hashCode() + "-" + System.nanoTime());
        progress.begin("Perflens: analysing " + root.getFileName(), files.size() + " files", false);
        long start = System.nanoTime();
        int done = 0;
        int findings = 0;
        Cancellation cancellation = () -> {
            if (canceled.get() || closed) {
                throw new CancellationException("a newer workspace pass started");
            }
        };
        try {
            for (Path file : files) {
                cancellation.checkCanceled();
                findings += analyzeFile(root, file, cancellation);
                done++;
                progress.report(done + "/" + files.size() + " files", done * 100 / Math.max(1, files.size()));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            progress.end(files.size() + " files, " + findings + " findings in " + millis + " ms");
            LOG.info(root + ": workspace pass analysed " + files.size() + " files (" + findings + " findings) in "
                    + millis + " ms");
        } catch (CancellationException e) {
            progress.end("stopped after " + done + " files");
        } finally {
            passes.remove(root, canceled);
        }
    }

    /** Analyses one closed file from disk and publishes its diagnostics; returns its finding count. */
    private int analyzeFile(Path root, Path file, Cancellation cancellation) {
        String uri = file.toUri().toString();
        if (documents.get(uri).isPresent()) {
            return 0;
        }
        while (analysis.foregroundBusy()) { // open documents and requests first
            cancellation.checkCanceled();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            FileAnalysis result = analysis.analyzeClosed(file, text,
                    cancellation.withBudget(Duration.ofMillis(settings.timeBudgetMs())));
            OpenDocument asOnDisk = new OpenDocument(uri, file, "java", 0, text);
            List<Diagnostic> diagnostics = result.findings().stream()
                    .map(finding -> Converters.diagnostic(finding, asOnDisk, docs)).toList();
            if (publisher.publishClosed(uri, diagnostics)) {
                published.computeIfAbsent(root, r -> ConcurrentHashMap.newKeySet()).add(uri);
            }
            return diagnostics.size();
        } catch (IOException e) {
            publisher.publishClosed(uri, List.of()); // deleted or unreadable: nothing to show
            return 0;
        } catch (CancellationException e) {
            if (cancellation.isCanceled()) {
                throw e;
            }
            return 0; // this file ran out of its time budget; the pass goes on
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "background analysis of " + file + " failed", e);
            return 0;
        }
    }

    /**
     * Stops the passes without interrupting the thread: an interrupt in the middle of writing a
     * notification would close an interruptible output channel under the whole connection.
     */
    @Override
    public void close() {
        closed = true;
        passes.values().forEach(pass -> pass.set(true));
        executor.shutdown();
    }
}
