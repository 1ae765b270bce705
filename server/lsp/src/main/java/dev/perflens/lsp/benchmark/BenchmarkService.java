package dev.perflens.lsp.benchmark;

import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.BenchmarkListener;
import dev.perflens.bench.BenchmarkReport;
import dev.perflens.bench.BenchmarkRunner;
import dev.perflens.bench.ReportStore;
import dev.perflens.bench.harness.MethodLocator;
import dev.perflens.bench.harness.MethodUnderTest;
import dev.perflens.engine.Cancellation;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.protocol.BenchmarkResult;
import dev.perflens.protocol.PerflensClientProtocol;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Runs benchmarks in the background, one at a time on its own thread (a benchmark wants the
 * machine to itself; diagnostics and other requests keep their own threads). Each run reports
 * $/progress, stops when its request is canceled ($/cancelRequest) or its progress is
 * (window/workDoneProgress/cancel), and on success writes the report, sends
 * perflens/benchmarkResult, and republishes the document's diagnostics with the measurement.
 */
@Singleton
public final class BenchmarkService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BenchmarkService.class.getName());

    private final ClientSession session;
    private final Measurements measurements;
    private final DiagnosticsPublisher diagnostics;
    private final DocumentStore documents;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(dev.perflens.lsp.DaemonThreads.named("perflens-benchmark"));
    private final Map<String, AtomicBoolean> cancelByToken = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    /** Benchmarks submitted and not finished: a new one waits for these. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile BenchmarkRunner runner;

    @Inject
    public BenchmarkService(ClientSession session, Measurements measurements, DiagnosticsPublisher diagnostics,
                            DocumentStore documents) {
        this.session = session;
        this.measurements = measurements;
        this.diagnostics = diagnostics;
        this.documents = documents;
    }

    /**
     * Queues the benchmark; {@code result} completes with its result, or exceptionally. Canceling
     * {@code result} (as LSP4J does on $/cancelRequest) stops the run and kills its JVM.
     */
    public void run(PreparedBenchmark prepared, Either<String, Integer> clientToken,
                    CompletableFuture<BenchmarkResult> result) {
        LanguageClient client = session.client();
        String title = "Benchmark " + prepared.job().file().getFileName();
        WorkDoneProgress progress = WorkDoneProgress.open(client, clientToken, session.features().workDoneProgress(),
                "perflens-benchmark-" + tokens.incrementAndGet());
        AtomicBoolean canceled = new AtomicBoolean();
        String tokenKey = progress.token() == null ? null : tokenKey(progress.token());
        if (tokenKey != null) {
            cancelByToken.put(tokenKey, canceled);
        }
        progress.begin(title, pending.getAndIncrement() > 0 ? "waiting for the running benchmark to finish" : "starting");
        Cancellation cancellation = () -> {
            if (canceled.get() || result.isCancelled()) {
                throw new CancellationException("benchmark canceled");
            }
        };
        executor.execute(() -> {
            try {
                cancellation.checkCanceled();
                BenchmarkReport report = runner().run(prepared.job(), prepared.settings(), new BenchmarkListener() {
                    @Override
                    public void progress(String phase, int percent) {
                        progress.report(phase, percent);
                    }
                }, cancellation);
                ReportStore.Written written = prepared.reportRoot() == null ? null
                        : new ReportStore(prepared.reportRoot()).save(report);
                BenchmarkResult benchmarkResult = BenchmarkResults.of(report, prepared.uri(), prepared.finding(), written);
                remember(prepared, report, written);
                progress.end(report.summary());
                if (client instanceof PerflensClientProtocol perflens) {
                    perflens.benchmarkResult(benchmarkResult);
                }
                documents.get(prepared.uri()).ifPresent(diagnostics::schedule);
                result.complete(benchmarkResult);
            } catch (CancellationException e) {
                progress.end("canceled");
                result.completeExceptionally(e);
            } catch (BenchmarkException e) {
                progress.end("failed: " + e.getMessage());
                if (client != null) {
                    client.showMessage(new MessageParams(MessageType.Error, "Perflens benchmark: " + e.getMessage()));
                }
                result.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                        e.getMessage(), e.kind().name())));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "benchmark failed", e);
                progress.end("failed: " + e.getMessage());
                result.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                        "the benchmark failed: " + e, null)));
            } finally {
                pending.decrementAndGet();
                if (tokenKey != null) {
                    cancelByToken.remove(tokenKey);
                }
            }
        });
    }

    /** window/workDoneProgress/cancel: the user pressed cancel on the progress. */
    public void cancelProgress(Either<String, Integer> token) {
        AtomicBoolean canceled = token == null ? null : cancelByToken.get(tokenKey(token));
        if (canceled != null) {
            canceled.set(true);
        }
    }

    private void remember(PreparedBenchmark prepared, BenchmarkReport report, ReportStore.Written written) {
        if (!prepared.job().withFix() || prepared.job().findingKey() == null) {
            return;
        }
        try {
            MethodUnderTest method = MethodLocator.at(prepared.job().originalText(), prepared.job().offset());
            String methodText = prepared.job().originalText().substring(method.startOffset(), method.endOffset());
            measurements.record(new Measurements.Measurement(prepared.uri(), prepared.job().findingKey(),
                    method.startOffset(), methodText, report.verdict(), report.summary(),
                    written == null ? null : written.markdown().toUri().toString()));
        } catch (BenchmarkException e) {
            LOG.fine("not remembered: " + e.getMessage());
        }
    }

    private BenchmarkRunner runner() {
        if (runner == null) {
            runner = new BenchmarkRunner();
        }
        return runner;
    }

    private static String tokenKey(Either<String, Integer> token) {
        return token.isLeft() ? "s:" + token.getLeft() : "i:" + token.getRight();
    }

    @Override
    public void close() {
        cancelByToken.values().forEach(canceled -> canceled.set(true));
        executor.shutdownNow(); // interrupts a waiting run, which kills its JVM
    }
}
