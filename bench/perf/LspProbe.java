import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Drives the real Perflens server over stdio, as an editor does, and prints what it measured.
 * Run with the server jar on the class path (it holds LSP4J and Gson):
 * <pre>
 *   java -cp server/lsp/target/perflens.jar bench/perf/LspProbe.java latency WORKSPACE FILE EDITS
 *   java -cp server/lsp/target/perflens.jar bench/perf/LspProbe.java memory WORKSPACE
 * </pre>
 * The server is started with {@code bin/perflens lsp} (the JVM flags the editor clients use).
 * Output: lines of {@code key value} on stdout, read by bench/perf/run.sh.
 */
public final class LspProbe {
    private static final Path HOME = Path.of(System.getProperty("perflens.home", ".")).toAbsolutePath().normalize();
    private static final long TIMEOUT_S = Long.getLong("probe.timeout", 300);

    /** Records every publishDiagnostics by uri and version; waiters complete on arrival. */
    static final class Client implements LanguageClient {
        private final Map<String, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();

        CompletableFuture<Integer> expect(String uri, int version) {
            return waiting.computeIfAbsent(uri + "#" + version, key -> new CompletableFuture<>());
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            if (params.getVersion() != null) {
                expect(params.getUri(), params.getVersion()).complete(params.getDiagnostics().size());
            }
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

    record Session(Process process, LanguageServer server, Client client) implements AutoCloseable {
        static Session start(Path workspace) throws Exception {
            Process process = new ProcessBuilder(HOME.resolve("bin/perflens").toString(), "lsp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Client client = new Client();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client,
                    process.getInputStream(), process.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setProcessId((int) ProcessHandle.current().pid());
            init.setRootUri(workspace.toUri().toString());
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "workspace")));
            init.setCapabilities(new ClientCapabilities());
            // No debounce; a time budget large enough that no analysis is cut short (a cut
            // analysis would publish fast and empty, and flatter the figures); no background pass
            // over the closed files, so an edit is timed alone (the pass gives way to it anyway,
            // but would share the two cores with it for the first minute).
            init.setInitializationOptions(JsonParser.parseString(
                    "{\"perflens\":{\"analysis\":{\"debounceMs\":0,\"timeBudgetMs\":600000,\"workspace\":false}}}"));
            server.initialize(init).get(TIMEOUT_S, TimeUnit.SECONDS);
            server.initialized(new InitializedParams());
            return new Session(process, server, client);
        }

        int open(Path file, int version) throws Exception {
            String uri = file.toUri().toString();
            CompletableFuture<Integer> published = client.expect(uri, version);
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "java", version, Files.readString(file, StandardCharsets.UTF_8))));
            return published.get(TIMEOUT_S, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
                server.exit();
                process.waitFor(30, TimeUnit.SECONDS);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("latency")) {
            latency(Path.of(args[1]).toAbsolutePath().normalize(), Path.of(args[2]).toAbsolutePath().normalize(),
                    args.length > 3 ? Integer.parseInt(args[3]) : 200);
        } else if (args.length == 2 && args[0].equals("memory")) {
            memory(Path.of(args[1]).toAbsolutePath().normalize());
        } else {
            System.err.println("usage: LspProbe latency WORKSPACE FILE [EDITS] | LspProbe memory WORKSPACE");
            System.exit(2);
        }
        System.exit(0);
    }

    /**
     * Opens FILE, then applies EDITS single-character edits one at a time (a space inserted after
     * the first comment's opening, then deleted, so the code stays the same), each timed from
     * sending didChange to the publishDiagnostics that carries its version.
     */
    static void latency(Path workspace, Path file, int edits) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int comment = text.indexOf("/*");
        if (comment < 0) {
            throw new IllegalArgumentException(file + " has no /* comment to edit inside");
        }
        Position at = positionOf(text, comment + 2);
        try (Session session = Session.start(workspace)) {
            long start = System.nanoTime();
            int firstCount = session.open(file, 1);
            System.out.printf(Locale.ROOT, "open_ms %.1f%nopen_diagnostics %d%n", millisSince(start), firstCount);
            String uri = file.toUri().toString();
            List<Double> millis = new ArrayList<>();
            for (int version = 2; version < edits + 2; version++) {
                boolean insert = version % 2 == 0;
                Range range = insert ? new Range(at, at)
                        : new Range(at, new Position(at.getLine(), at.getCharacter() + 1));
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(range, insert ? " " : "");
                CompletableFuture<Integer> published = session.client().expect(uri, version);
                long sent = System.nanoTime();
                session.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
                int count = published.get(TIMEOUT_S, TimeUnit.SECONDS);
                millis.add(millisSince(sent));
                if (count != firstCount) {
                    throw new IllegalStateException("version " + version + " published " + count
                            + " diagnostics, the unedited file " + firstCount + ": the edit changed the analysis");
                }
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "edits %d%nmedian_ms %.1f%np95_ms %.1f%nmax_ms %.1f%nmin_ms %.1f%n",
                    millis.size(), percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1),
                    millis.get(0));
        }
    }

    /** Opens every .java file of the workspace, waits for each one's diagnostics, then reads the heap after a full GC. */
    static void memory(Path workspace) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(workspace)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        try (Session session = Session.start(workspace)) {
            long start = System.nanoTime();
            long diagnostics = 0;
            for (Path file : files) {
                diagnostics += session.open(file, 1);
            }
            System.out.printf(Locale.ROOT, "files %d%ndiagnostics %d%nanalysis_s %.1f%n", files.size(), diagnostics,
                    millisSince(start) / 1000);
            long pid = session.process().pid();
            jcmd(pid, "GC.run");
            String heap = jcmd(pid, "GC.heap_info");
            System.out.printf(Locale.ROOT, "heap_used_mib %.1f%n", usedKiB(heap) / 1024.0);
            System.out.printf(Locale.ROOT, "rss_mib %.1f%n", rssKiB(pid) / 1024.0);
        }
    }

    /** Sums the "used" figures of the generations jcmd GC.heap_info lists (Serial/Parallel/G1 print them). */
    static long usedKiB(String heapInfo) {
        long used = 0;
        java.util.regex.Matcher generation = java.util.regex.Pattern
                .compile("^\\s*(def new generation|tenured generation|PSYoungGen|ParOldGen|garbage-first heap)"
                        + "\\s+total \\d+K, used (\\d+)K", java.util.regex.Pattern.MULTILINE).matcher(heapInfo);
        boolean found = false;
        while (generation.find()) {
            used += Long.parseLong(generation.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("cannot read the heap figures from jcmd GC.heap_info:\n" + heapInfo);
        }
        return used;
    }

    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
        }
        return output;
    }

    static Position positionOf(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
