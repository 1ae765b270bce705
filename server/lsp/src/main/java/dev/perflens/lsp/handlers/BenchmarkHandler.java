package dev.perflens.lsp.handlers;

import dev.perflens.bench.BenchSettings;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.BenchmarkJob;
import dev.perflens.bench.BenchmarkReport;
import dev.perflens.bench.BenchmarkTargets;
import dev.perflens.bench.ReportStore;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.lsp.RequestExecutor;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.benchmark.BenchmarkService;
import dev.perflens.lsp.benchmark.PreparedBenchmark;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.lsp.policy.PolicyService;
import dev.perflens.lsp.workspace.WorkspaceTrust;
import dev.perflens.protocol.BenchmarkParams;
import dev.perflens.protocol.BenchmarkResult;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code perflens/benchmark} and the command {@code perflens.benchmark}: works out what to
 * measure (a finding's fix, a method, or a saved benchmark) and with which settings, on a
 * request thread, then hands the run to the {@link BenchmarkService}. The returned future
 * completes when the benchmark has; canceling it cancels the benchmark.
 */
public final class BenchmarkHandler {
    private final FixLookup fixes;
    private final DocumentStore documents;
    private final WorkspaceRoots roots;
    private final PolicyService policies;
    private final Engine engine;
    private final BenchmarkService service;
    private final ExecutorService requests;
    private final WorkspaceTrust trust;

    @Inject
    public BenchmarkHandler(FixLookup fixes, DocumentStore documents, WorkspaceRoots roots, PolicyService policies,
                            Engine engine, BenchmarkService service, @RequestExecutor ExecutorService requests,
                            WorkspaceTrust trust) {
        this.trust = trust;
        this.fixes = fixes;
        this.documents = documents;
        this.roots = roots;
        this.policies = policies;
        this.engine = engine;
        this.service = service;
        this.requests = requests;
    }

    public CompletableFuture<BenchmarkResult> handle(BenchmarkParams params, Either<String, Integer> workDoneToken) {
        CompletableFuture<BenchmarkResult> result = new CompletableFuture<>();
        requests.execute(() -> {
            try {
                PreparedBenchmark prepared = prepare(params, () -> {
                    if (result.isCancelled()) {
                        throw new CancellationException("benchmark canceled");
                    }
                });
                Either<String, Integer> token = params.getWorkDoneToken() != null ? params.getWorkDoneToken() : workDoneToken;
                // the answer arrives on the connection's reader thread, which must not wait for the client again
                allowed(prepared.reportRoot()).whenCompleteAsync((run, error) -> {
                    if (result.isDone()) {
                        return; // canceled while the user was asked
                    }
                    if (error != null || !Boolean.TRUE.equals(run)) {
                        result.completeExceptionally(new ResponseErrorException(new ResponseError(
                                ResponseErrorCode.RequestFailed, "benchmark not run: " + folderName(prepared.reportRoot())
                                + " is not trusted, and a benchmark runs its code", null)));
                        return;
                    }
                    service.run(prepared, token, result);
                }, requests);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A benchmark runs the folder's code: in an untrusted folder the user is asked first (and trusts it by saying yes). */
    private CompletableFuture<Boolean> allowed(Path root) {
        if (root == null || trust.isTrusted(root)) {
            return CompletableFuture.completedFuture(true);
        }
        return trust.ask(root, "Perflens: a benchmark compiles and runs the code of " + folderName(root)
                + " (in forked JVMs, on a copy of its sources), and this folder is not trusted. Run it and trust the folder"
                + " for this session?", RUN_AND_TRUST, CANCEL);
    }

    public static final String RUN_AND_TRUST = "Run and trust the folder";
    public static final String CANCEL = "Cancel";

    private static String folderName(Path root) {
        return root == null || root.getFileName() == null ? "the folder" : root.getFileName().toString();
    }

    PreparedBenchmark prepare(BenchmarkParams params, Cancellation cancellation) {
        if (params == null) {
            throw invalid("expected BenchmarkParams: a finding, a uri and position, or a benchmarkId");
        }
        BenchSettings.Overrides requested = new BenchSettings.Overrides(params.getMode(), params.getForks(),
                params.getWarmupIterations(), params.getWarmupMillis(), params.getMeasurementIterations(),
                params.getIterationMillis(), params.getSizes(), params.getMaxCallMillis(), null,
                params.getTimeoutSeconds(), null, null, null);
        if (!requested.problems().isEmpty()) {
            throw invalid("invalid benchmark settings: " + String.join("; ", requested.problems()));
        }
        try {
            if (params.getFinding() != null) {
                FixLookup.Found found = fixes.find(params.getFinding(), cancellation);
                OpenDocument document = found.document();
                Path root = roots.rootOf(document.path()).orElse(null);
                BenchmarkJob job = BenchmarkTargets.forFix(root, environment(document.path()),
                        document.text(), found.fix());
                return new PreparedBenchmark(job, settings(document.path(), requested), document.uri(),
                        params.getFinding(), root);
            }
            if (params.getUri() != null && params.getPosition() != null) {
                Path file = DocumentStore.toPath(params.getUri());
                Optional<OpenDocument> open = documents.get(params.getUri());
                String text = open.isPresent() ? open.get().text() : Files.readString(file, StandardCharsets.UTF_8);
                int offset = new dev.perflens.engine.text.LineMap(text).offset(params.getPosition().getLine(),
                        params.getPosition().getCharacter(), text);
                Path root = roots.rootOf(file).orElse(null);
                BenchmarkJob job = new BenchmarkTargets(engine).forMethod(root, environment(file), policies.policyFor(file),
                        file, text, offset, null, true, cancellation);
                return new PreparedBenchmark(job, settings(file, requested), params.getUri(), null, root);
            }
            if (params.getBenchmarkId() != null) {
                for (Path root : roots.all()) {
                    Optional<BenchmarkReport> saved = new ReportStore(root).load(params.getBenchmarkId());
                    if (saved.isPresent()) {
                        Path file = root.resolve(saved.get().target().file()).normalize();
                        BenchmarkJob job = new BenchmarkTargets(engine).forSaved(root, environment(file),
                                policies.policyFor(file), saved.get().target(), true, cancellation);
                        return new PreparedBenchmark(job, settings(file, requested), file.toUri().toString(), null, root);
                    }
                }
                throw invalid("no saved benchmark '" + params.getBenchmarkId() + "' under .perflens/benchmarks/ of the"
                        + " workspace folders");
            }
        } catch (BenchmarkException e) {
            throw invalid(e.getMessage());
        } catch (IOException e) {
            throw invalid("cannot read the file: " + e.getMessage());
        }
        throw invalid("expected a finding, a uri and position, or a benchmarkId");
    }

    private ParseEnvironment environment(Path file) {
        return roots.environmentFor(file);
    }

    private BenchSettings settings(Path file, BenchSettings.Overrides requested) {
        return BenchSettings.resolve(policies.benchmarkSettingsFor(file), requested);
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    /** The arguments of the command: a BenchmarkParams, or a bare FindingRef (a diagnostic's data). */
    public static BenchmarkParams paramsFromArguments(List<Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return null;
        }
        Object argument = arguments.get(0);
        if (argument instanceof BenchmarkParams params) {
            return params;
        }
        if (argument instanceof com.google.gson.JsonObject json) {
            com.google.gson.Gson gson = new org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler(java.util.Map.of()).getGson();
            if (json.has("key") && json.has("uri") && !json.has("finding")) {
                return new BenchmarkParams(gson.fromJson(json, dev.perflens.protocol.FindingRef.class));
            }
            return gson.fromJson(json, BenchmarkParams.class);
        }
        return null;
    }
}
