package dev.perflens.lsp.analysis;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Problem;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.RuleDocs;
import dev.perflens.lsp.ServerSettings;
import dev.perflens.lsp.benchmark.Measurements;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.perflens.lsp.policy.PolicyLoader;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Analyses documents after edits settle (debounced) and publishes diagnostics for exactly the
 * version analysed. A newer edit cancels the pending and the running analysis of that
 * document; a result for a version that is no longer current is dropped, never published.
 */
@Singleton
public final class DiagnosticsPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DiagnosticsPublisher.class.getName());

    private final AnalysisService analysis;
    private final DocumentStore documents;
    private final ServerSettings settings;
    private final RuleDocs docs;
    private final Measurements measurements;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(dev.perflens.lsp.DaemonThreads.named("perflens-analysis"));
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    @Inject
    public DiagnosticsPublisher(AnalysisService analysis, DocumentStore documents, ServerSettings settings,
                                RuleDocs docs, Measurements measurements) {
        this.measurements = measurements;
        this.analysis = analysis;
        this.documents = documents;
        this.settings = settings;
        this.docs = docs;
    }

    public void connect(LanguageClient client) {
        this.client = client;
    }

    /**
     * Loads the compiler and the JDK's types once, on the caller's thread, before the server
     * answers {@code initialize}: no other server thread (profile loading, classpath, the
     * background pass) has started the compiler yet, so its classes are initialised by one thread
     * (first uses from several threads at once left every analysis of a test JVM waiting), and the
     * first file the user opens does not pay for it. About a second on a cold JVM.
     */
    public void warmUp() {
        long start = System.nanoTime();
        try {
            analysis.warmUp();
            LOG.info(() -> "analysis warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "warm-up failed", e);
        }
    }

    public void schedule(OpenDocument document) {
        if (!document.isJava()) {
            return;
        }
        AtomicBoolean superseded = running.get(document.uri());
        if (superseded != null) {
            superseded.set(true);
        }
        ScheduledFuture<?> next = executor.schedule(() -> run(document.uri()), settings.debounceMs(),
                TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pending.put(document.uri(), next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    public void clear(String uri) {
        ScheduledFuture<?> previous = pending.remove(uri);
        if (previous != null) {
            previous.cancel(false);
        }
        AtomicBoolean current = running.get(uri);
        if (current != null) {
            current.set(true);
        }
        analysis.forget(uri);
        publish(uri, List.of(), null);
    }

    private void run(String uri) {
        OpenDocument document = documents.get(uri).orElse(null);
        if (document == null) {
            return;
        }
        AtomicBoolean canceled = new AtomicBoolean();
        running.put(uri, canceled);
        try {
            long start = System.nanoTime();
            Cancellation superseded = () -> {
                if (canceled.get()) {
                    throw new CancellationException("superseded by a newer version");
                }
            };
            FileAnalysis result = analysis.analyze(document,
                    superseded.withBudget(java.time.Duration.ofMillis(settings.timeBudgetMs())));
            if (!isCurrent(document)) {
                return;
            }
            for (Problem problem : result.problems()) {
                if (problem.kind() != Problem.Kind.SYNTAX) {
                    LOG.warning(uri + " v" + document.version() + ": " + problem.message());
                }
            }
            LOG.info(() -> "analysed " + document.path().getFileName() + " v" + document.version() + ": "
                    + result.findings().size() + " findings in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            List<Diagnostic> diagnostics = result.findings().stream()
                    .map(finding -> Converters.diagnostic(finding, document, docs,
                            measurements.forFinding(document, finding))).toList();
            publish(uri, diagnostics, document.version());
        } catch (CancellationException e) {
            LOG.fine(() -> "analysis of " + uri + " v" + document.version() + " canceled");
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "analysis of " + uri + " failed; previous diagnostics stay", e);
        } finally {
            running.remove(uri, canceled);
        }
    }

    /** Diagnostics on the policy file itself: where it is wrong, and that defaults apply there. */
    public void publishPolicyProblems(String uri, List<PolicyLoader.PolicyProblem> problems) {
        List<Diagnostic> diagnostics = problems.stream().map(problem -> {
            Position at = new Position(problem.line(), problem.column());
            Diagnostic diagnostic = new Diagnostic(new Range(at, at), problem.message(),
                    problem.fatal() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, Converters.SOURCE, "policy");
            return diagnostic;
        }).toList();
        publish(uri, diagnostics, null);
    }

    /**
     * Diagnostics of a file that is not open, from its text on disk (the background workspace
     * pass). Dropped when the file is open by now: the editor's text is what counts then.
     */
    public synchronized boolean publishClosed(String uri, List<Diagnostic> diagnostics) {
        if (documents.get(uri).isPresent()) {
            return false;
        }
        publish(uri, diagnostics, null);
        return true;
    }

    private boolean isCurrent(OpenDocument document) {
        return documents.get(document.uri()).map(now -> now.version() == document.version()).orElse(false);
    }

    private void publish(String uri, List<Diagnostic> diagnostics, Integer version) {
        LanguageClient target = client;
        if (target != null) {
            target.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics, version));
        }
    }

    /**
     * Cancels what is pending and running, without interrupting the analysis thread: an
     * interrupt while it writes a notification would close an interruptible output channel
     * (and with it the connection the shutdown response still has to go through).
     */
    @Override
    public void close() {
        pending.values().forEach(future -> future.cancel(false));
        running.values().forEach(flag -> flag.set(true));
        executor.shutdown();
    }
}
