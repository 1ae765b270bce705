package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import dev.perflens.lsp.testing.Fixtures;
import dev.perflens.protocol.BenchmarkParams;
import dev.perflens.protocol.BenchmarkResult;
import dev.perflens.protocol.BenchmarkRow;
import dev.perflens.protocol.PerflensClientProtocol;
import dev.perflens.protocol.PerflensProtocol;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeActionResolveSupportCapabilities;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks through the real server over piped streams, as an editor runs them: the
 * "Benchmark this fix" code action's command on OrderMatcher.matchOrders (a list scanned inside
 * a loop over another list: O(n*m)), with progress, the result notification and the report; and
 * both ways of canceling a run. Quick mode with tiny iteration counts, set in .perflens.json.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BenchmarkEndToEndTest {
    interface RemoteServer extends LanguageServer, PerflensProtocol {
    }

    static final class Client implements LanguageClient, PerflensClientProtocol {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
        final List<ProgressParams> progress = new CopyOnWriteArrayList<>();
        final List<String> createdTokens = new CopyOnWriteArrayList<>();
        final BlockingQueue<BenchmarkResult> results = new LinkedBlockingQueue<>();
        final List<MessageParams> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            createdTokens.add(params.getToken().getLeft());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams params) {
            progress.add(params);
        }

        @Override
        public void benchmarkResult(BenchmarkResult params) {
            results.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
            messages.add(params);
        }

        final List<ShowMessageRequestParams> questions = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** What the user answers (null: dismissed). */
        volatile String answer = dev.perflens.lsp.handlers.BenchmarkHandler.RUN_AND_TRUST;

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            questions.add(params);
            return CompletableFuture.completedFuture(answer == null ? null : new MessageActionItem(answer));
        }

        @Override
        public void logMessage(MessageParams params) {
        }

        List<WorkDoneProgressNotification> progressOf(String token) {
            return progress.stream().filter(p -> p.getToken().getLeft().equals(token))
                    .map(p -> p.getValue().getLeft()).toList();
        }
    }

    @TempDir
    Path workspace;
    private final Client client = new Client();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private RemoteServer server;
    private Path matcher;
    private String matcherUri;

    @BeforeEach
    void start() throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, workspace);
        // Tiny iteration counts, and sizes whose difference is large even on a busy 2-core machine:
        // at n=3000 the original scans 3000 ids for each of 3000 orders.
        Files.writeString(workspace.resolve(".perflens.json"), """
                {
                  "benchmark": {"forks": 2, "warmupIterations": 4, "warmupMillis": 30,
                                "measurementIterations": 12, "iterationMillis": 30,
                                "sizes": [100, 3000], "maxCallMillis": 1500, "maxHeapMb": 256}
                }
                """);
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        ServerLauncher serverLauncher = ServerLauncher.create(serverIn, serverOut);
        serverLauncher.server().onExit(exitCode::complete);
        serverLauncher.startListening();
        Launcher<RemoteServer> clientLauncher = new Launcher.Builder<RemoteServer>()
                .setLocalService(client).setRemoteInterface(RemoteServer.class)
                .setInput(clientIn).setOutput(clientOut).create();
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
        initialize();
        matcher = workspace.resolve("src/main/java/com/example/orders/OrderMatcher.java");
        matcherUri = matcher.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(matcherUri, "java", 1, Files.readString(matcher))));
    }

    @AfterEach
    void stop() throws Exception {
        if (!exitCode.isDone()) {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
        }
        assertEquals(0, exitCode.get(10, TimeUnit.SECONDS));
        assertNoBenchmarkJvmRunning();
    }

    @Test
    void benchmarkThisFixMeasuresTheQuadraticMatchAsFaster() throws Exception {
        Set<String> before = tree(workspace);
        Diagnostic diagnostic = matchOrdersFinding(awaitDiagnostics(1));
        List<CodeAction> actions = codeActions(diagnostic);
        CodeAction fix = actions.stream().filter(a -> a.getTitle().startsWith("Look up 'wantedIds'")).findFirst().orElseThrow();
        assertTrue(fix.getTitle().matches(".* \\(~[0-9.,]+x faster at (the default )?n=\\w+ \\([0-9.,]+-[0-9.,]+x\\)\\)"),
                "the title carries the calibration's measured speed-up: " + fix.getTitle());
        CodeAction benchmark = actions.stream().filter(a -> a.getTitle().equals("Benchmark this fix")).findFirst()
                .orElseThrow(() -> new AssertionError("no Benchmark this fix action in " + actions));
        assertEquals("quickfix", benchmark.getKind());
        assertFalse(benchmark.getIsPreferred(), "benchmarking is never the preferred action");
        assertNull(benchmark.getEdit());
        Command command = benchmark.getCommand();
        assertEquals("perflens.benchmark", command.getCommand());

        // the folder is not trusted: a benchmark runs its code, so the user is asked first; dismissed, nothing runs
        client.answer = null;
        java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> server.getWorkspaceService().executeCommand(
                        new ExecuteCommandParams(command.getCommand(), command.getArguments())).get(60, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("is not trusted, and a benchmark runs its code"),
                refused.getCause().getMessage());
        assertEquals(1, client.questions.size(), client.questions.toString());
        assertTrue(client.questions.get(0).getMessage().contains("compiles and runs the code of"),
                client.questions.get(0).getMessage());
        client.answer = dev.perflens.lsp.handlers.BenchmarkHandler.RUN_AND_TRUST;

        long start = System.nanoTime();
        Object response = server.getWorkspaceService().executeCommand(
                new ExecuteCommandParams(command.getCommand(), command.getArguments())).get(240, TimeUnit.SECONDS);
        assertEquals(2, client.questions.size(), "asked again, and answered yes: " + client.questions);
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        BenchmarkResult result = new com.google.gson.Gson().fromJson(new com.google.gson.Gson().toJsonTree(response),
                BenchmarkResult.class);
        System.out.println("quick benchmark of OrderMatcher.matchOrders through the server: " + wallMillis + " ms\n"
                + result.getSummary() + "\n" + result.getTable() + String.join("\n", result.getNotes()));

        // The verdict at the largest size, with intervals that do not overlap
        assertEquals("faster", result.getVerdict(), result.getSummary() + "\n" + result.getTable());
        BenchmarkRow largest = result.getRows().get(result.getRows().size() - 1);
        assertEquals(3000, largest.getSize(), "the largest size fits the time cap: " + result.getNotes());
        assertEquals("faster", largest.getVerdict());
        assertTrue(largest.getFixedScore() + largest.getFixedError() < largest.getOriginalScore() - largest.getOriginalError(),
                "the fixed variant's interval lies wholly below the original's: " + result.getTable());
        assertTrue(largest.getSpeedupLow() > 1, "the speed-up's interval excludes 1");
        assertTrue(result.getSummary().startsWith("measured ") && result.getSummary().contains("faster at n=3000"),
                result.getSummary());
        assertEquals("list-membership-in-loop", result.getRuleId());
        assertEquals("preserved", result.getBehaviour().getVerdict(), result.getBehaviour().getReason());
        assertTrue(result.getBehaviour().getOutputs().getCompared() >= 50, "outputs compared on generated inputs");
        assertEquals(0, result.getBehaviour().getOutputs().getDiffering());

        // The same result as a notification, and as report files
        BenchmarkResult notified = client.results.poll(10, TimeUnit.SECONDS);
        assertNotNull(notified, "perflens/benchmarkResult was sent");
        assertEquals(result.getSummary(), notified.getSummary());
        Path json = Path.of(URI.create(result.getReportUri()));
        Path markdown = Path.of(URI.create(result.getMarkdownUri()));
        assertEquals(workspace.resolve(".perflens/benchmarks/com.example.orders.OrderMatcher.matchOrders(List,List).json"), json);
        assertTrue(Files.readString(json).contains("\"verdict\" : \"faster\""));
        String card = Files.readString(markdown);
        // The evidence card's order: verdict, behaviour, speed-up per size, allocation
        assertTrue(card.indexOf("## Behaviour") > 0 && card.indexOf("## Behaviour") < card.indexOf("## Speed-up")
                && card.indexOf("## Speed-up") < card.indexOf("## Allocation"), card);
        assertTrue(card.contains("\n| 3000 | "), card);

        // Progress: created by the server, begin (cancellable), reports with rising percentages, end with the summary
        List<String> benchmarkTokens = client.createdTokens.stream().filter(t -> t.startsWith("perflens-benchmark-")).toList();
        assertEquals(1, benchmarkTokens.size(), client.createdTokens.toString());
        assertTrue(client.createdTokens.stream().anyMatch(t -> t.startsWith("perflens-workspace-")),
                "the background pass over the workspace reports progress too: " + client.createdTokens);
        List<WorkDoneProgressNotification> progress = client.progressOf(benchmarkTokens.get(0));
        assertTrue(progress.get(0) instanceof WorkDoneProgressBegin begin && begin.getCancellable());
        List<WorkDoneProgressReport> reports = progress.stream().filter(WorkDoneProgressReport.class::isInstance)
                .map(WorkDoneProgressReport.class::cast).toList();
        assertTrue(reports.stream().anyMatch(r -> r.getMessage().startsWith("fork 4/4")), reports.toString());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).getPercentage() >= reports.get(i - 1).getPercentage());
        }
        assertEquals(result.getSummary(), ((WorkDoneProgressEnd) progress.get(progress.size() - 1)).getMessage());

        // The diagnostic and the fix's title now carry the measurement
        Diagnostic measured = matchOrdersFinding(awaitDiagnosticsWith(1, "Measured: the fix is "));
        assertEquals(result.getMarkdownUri(), measured.getRelatedInformation().get(0).getLocation().getUri());
        List<CodeAction> after = codeActions(measured);
        assertTrue(after.stream().anyMatch(a -> a.getTitle().startsWith("Look up 'wantedIds'")
                && a.getTitle().contains("; measured ") && a.getTitle().contains("faster at n=3000")
                && a.getIsPreferred()), after.toString());
        assertTrue(after.stream().anyMatch(a -> a.getTitle().equals("Benchmark this fix again")), after.toString());

        // The workspace is untouched but for the report
        Set<String> added = new TreeSet<>(tree(workspace));
        added.removeAll(before);
        assertEquals(Set.of(".perflens", ".perflens/benchmarks", ".perflens/benchmarks/" + json.getFileName(),
                ".perflens/benchmarks/" + markdown.getFileName()), added);
        assertEquals(Files.readString(Fixtures.ORDER_SERVICE.resolve("src/main/java/com/example/orders/OrderMatcher.java")),
                Files.readString(matcher));

        // A saved benchmark runs again from the editor by its id (found in the file by the method's signature)
        BenchmarkParams again = new BenchmarkParams();
        again.setBenchmarkId(result.getId());
        again.setForks(1);
        again.setWarmupIterations(1);
        again.setMeasurementIterations(3);
        again.setSizes(List.of(100));
        BenchmarkResult rerun = server.benchmark(again).get(180, TimeUnit.SECONDS);
        assertEquals(result.getId(), rerun.getId());
        assertEquals(result.getFixTitle(), rerun.getFixTitle(), "the fix is found again and measured again");
        assertEquals(List.of(100), rerun.getRows().stream().map(BenchmarkRow::getSize).toList());
        assertEquals(2, client.questions.size(), "the folder was trusted for the session: not asked again");
    }

    @Test
    void cancelingTheProgressOrTheRequestStopsTheRunAndItsJvm() throws Exception {
        Diagnostic diagnostic = matchOrdersFinding(awaitDiagnostics(1));
        BenchmarkParams params = new BenchmarkParams(Converters.findingRef(diagnostic.getData()));
        params.setIterationMillis(1000);
        params.setMeasurementIterations(200); // would run for many minutes
        params.setWorkDoneToken(Either.forLeft("client-token-1"));

        // 1. window/workDoneProgress/cancel, once a JMH fork runs
        CompletableFuture<BenchmarkResult> first = server.benchmark(params);
        awaitProgress("client-token-1", "fork 1/4");
        // the progress is reported just before the fork starts: give the JVM time to appear on a loaded machine
        awaitBenchmarkJvm();
        long asked = System.nanoTime();
        assertFalse(codeActions(diagnostic).isEmpty(), "other requests are answered while a benchmark runs");
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(20), "and not after it");
        server.cancelProgress(new WorkDoneProgressCancelParams(Either.forLeft("client-token-1")));
        assertCanceled(first);
        assertEquals("canceled", ((WorkDoneProgressEnd) last(client.progressOf("client-token-1"))).getMessage());
        assertNoBenchmarkJvmRunning();

        // 2. $/cancelRequest (LSP4J sends it when the request's future is canceled), while the probe JVM runs
        params.setWorkDoneToken(Either.forLeft("client-token-2"));
        CompletableFuture<BenchmarkResult> second = server.benchmark(params);
        awaitProgress("client-token-2", "probing sizes: original");
        second.cancel(true);
        awaitProgress("client-token-2", "canceled");
        assertNoBenchmarkJvmRunning();
        assertTrue(client.results.isEmpty(), "no result for canceled runs");
        assertFalse(Files.exists(workspace.resolve(".perflens/benchmarks")), "no report for canceled runs");
    }

    private void assertCanceled(CompletableFuture<BenchmarkResult> future) throws Exception {
        try {
            future.get(60, TimeUnit.SECONDS);
            fail("the benchmark should have been canceled");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof ResponseErrorException, e.toString());
            assertEquals(ResponseErrorCode.RequestCancelled.getValue(),
                    ((ResponseErrorException) e.getCause()).getResponseError().getCode());
        }
    }

    private void awaitProgress(String token, String messagePrefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            boolean seen = client.progressOf(token).stream().anyMatch(p -> message(p).startsWith(messagePrefix));
            if (seen) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no progress '" + messagePrefix + "' on " + token + ": " + client.progressOf(token));
    }

    private static String message(WorkDoneProgressNotification notification) {
        if (notification instanceof WorkDoneProgressReport report) {
            return String.valueOf(report.getMessage());
        }
        if (notification instanceof WorkDoneProgressEnd end) {
            return String.valueOf(end.getMessage());
        }
        return String.valueOf(((WorkDoneProgressBegin) notification).getMessage());
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    /** The server runs in this JVM: its forked benchmark JVMs are our descendants. */
    private static Stream<ProcessHandle> benchmarkJvms() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> {
            String line = p.info().commandLine().orElse("");
            return line.contains("org.openjdk.jmh.Main") || line.contains("dev.perflens.bench.runtime.Probe");
        });
    }

    private static void awaitBenchmarkJvm() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (benchmarkJvms().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(benchmarkJvms().findAny().isPresent(), "a forked JVM runs");
    }

    private static void assertNoBenchmarkJvmRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (benchmarkJvms().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), benchmarkJvms().map(p -> p.info().commandLine().orElse("?")).toList(),
                "no forked benchmark JVM is left running");
    }

    private Diagnostic matchOrdersFinding(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> d.getCode().getLeft().equals("list-membership-in-loop")
                && d.getMessage().contains("'wantedIds.contains(...)'")).findFirst()
                .orElseThrow(() -> new AssertionError("no finding in matchOrders: " + diagnostics));
    }

    private List<CodeAction> codeActions(Diagnostic diagnostic) throws Exception {
        return server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(matcherUri),
                diagnostic.getRange(), new CodeActionContext(List.of(diagnostic)))).get(60, TimeUnit.SECONDS)
                .stream().map(Either::getRight).toList();
    }

    private void initialize() throws Exception {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "order-service")));
        ClientCapabilities capabilities = new ClientCapabilities();
        TextDocumentClientCapabilities textDocument = new TextDocumentClientCapabilities();
        CodeActionCapabilities codeAction = new CodeActionCapabilities();
        codeAction.setResolveSupport(new CodeActionResolveSupportCapabilities(List.of("edit")));
        codeAction.setDataSupport(true);
        textDocument.setCodeAction(codeAction);
        capabilities.setTextDocument(textDocument);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        capabilities.setWindow(window);
        params.setCapabilities(capabilities);
        params.setInitializationOptions(JsonParser.parseString("{\"perflens\":{\"analysis\":{\"debounceMs\":0}}}"));
        var result = server.initialize(params).get(60, TimeUnit.SECONDS);
        assertTrue(result.getCapabilities().getExecuteCommandProvider().getCommands().contains("perflens.benchmark"));
        server.initialized(new InitializedParams());
    }

    private List<Diagnostic> awaitDiagnostics(int version) throws InterruptedException {
        return awaitDiagnosticsWith(version, "");
    }

    private List<Diagnostic> awaitDiagnosticsWith(int version, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams params = client.diagnostics.poll(1, TimeUnit.SECONDS);
            if (params != null && params.getUri().equals(matcherUri) && Integer.valueOf(version).equals(params.getVersion())
                    && params.getDiagnostics().stream().anyMatch(d -> d.getMessage().contains(text))) {
                return params.getDiagnostics();
            }
        }
        return fail("no diagnostics for " + matcherUri + " containing '" + text + "'");
    }

    private static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertNull(Object value) {
        org.junit.jupiter.api.Assertions.assertNull(value);
    }
}
