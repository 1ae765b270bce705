package dev.perflens.lsp.cli;

import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.evidence.source.WorkspaceSources;
import dev.perflens.evidence.trace.TraceLoadException;
import dev.perflens.evidence.trace.TraceRanker;
import dev.perflens.evidence.trace.TraceSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code perflens traces FILE... [--project DIR] [--top N]}: imports OpenTelemetry traces (OTLP
 * JSON) and prints what they show: N+1 queries and chatty HTTP calls under one parent span, with
 * the workspace method they happen in, and the slowest methods; import time and heap on stderr.
 */
public final class TracesCommand {
    static final String USAGE = "usage: perflens traces FILE... [--project DIR] [--top N]  (perflens traces --help)";
    static final String HELP = """
            usage: perflens traces FILE... [options]

            Imports OpenTelemetry traces (OTLP JSON: JSON lines of TracesData, the agent's logging-otlp
            lines, or one document) and prints the N+1 queries and chatty HTTP calls under one parent
            span, with the workspace method they happen in, and the slowest methods; import time and
            heap go to stderr. Runs nothing.

            options:
              --project DIR              the project whose sources the spans map onto (default: .)
              --top N                    how many of each (default 10)
              -h, --help                 print this help

            exit status: 0 printed, 2 usage error or a file that cannot be read as traces
            """;
    private final PrintStream out;
    private final PrintStream err;

    public TracesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        if (Help.asked(args)) {
            out.print(HELP);
            return 0;
        }
        List<Path> files = new ArrayList<>();
        Path project = Path.of(".");
        int top = 10;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--project" -> project = Path.of(CheckCommand.value(args, ++i, "--project"));
                    case "--top" -> {
                        String n = CheckCommand.value(args, ++i, "--top");
                        try {
                            top = Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            top = 0;
                        }
                        if (top < 1) {
                            throw new CheckCommand.UsageException("--top needs a positive number, not '" + n + "'");
                        }
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new CheckCommand.UsageException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new CheckCommand.UsageException("missing FILE (OTLP JSON traces)");
            }
            if (!Files.isDirectory(project)) {
                throw new CheckCommand.UsageException("--project is not a folder: " + project);
            }
        } catch (CheckCommand.UsageException e) {
            err.println("perflens traces: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long start = System.nanoTime();
        TraceSet traces;
        try {
            traces = load(files, err);
        } catch (TraceLoadException e) {
            err.println("perflens traces: cannot use the traces " + e.getMessage());
            return 2;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        err.printf(Locale.ROOT, "imported %,d spans in %,d traces in %,d ms (heap in use %.0f MB of at most %.0f MB)%n",
                traces.spanCount(), traces.traceCount(), millis, (runtime.totalMemory() - runtime.freeMemory()) / 1e6,
                runtime.maxMemory() / 1e6);
        ProjectLayout layout = ProjectLayout.discover(project.toAbsolutePath().normalize());
        TraceRanker ranker = new TraceRanker(traces, WorkspaceSources.of(layout.sourceRoots()), label(files));
        List<TraceRanker.Located> located = ranker.located();

        List<TraceSet.Repetition> nPlusOne = traces.nPlusOneQueries();
        out.println("N+1 queries (" + TraceSet.REPEATS + " or more identical statements under one parent span):");
        print(nPlusOne, located, layout.root(), top, "queries");
        out.println("Chatty HTTP calls (" + TraceSet.REPEATS + " or more identical calls under one parent span):");
        print(traces.chattyHttpCalls(), List.of(), layout.root(), top, "calls");
        List<TraceSet.MethodTiming> slow = traces.slowestMethods();
        out.println("Slowest methods (spans with code attributes, by 95th percentile):");
        if (slow.isEmpty()) {
            out.println("  none: no span carries code.function.name or code.namespace/code.function");
        }
        for (TraceSet.MethodTiming timing : slow.subList(0, Math.min(top, slow.size()))) {
            out.printf(Locale.ROOT, "  p95 %8.1f ms  p50 %8.1f ms  %,7d spans  %s%n", timing.p95Millis(), timing.p50Millis(),
                    timing.count(), timing.function());
        }
        return 0;
    }

    private void print(List<TraceSet.Repetition> found, List<TraceRanker.Located> located, Path root, int top, String unit) {
        if (found.isEmpty()) {
            out.println("  none");
        }
        int rank = 1;
        for (TraceSet.Repetition r : found.subList(0, Math.min(top, found.size()))) {
            out.printf(Locale.ROOT, "%2d. %d %s per '%s' (median; max %d), %.1f ms, %.0f%% of its time, %d %s%n", rank++,
                    r.medianCalls(), unit, r.parentName(), r.maxCalls(), r.medianMillis(), 100 * r.medianShare(), r.traces(),
                    r.traces() == 1 ? "trace" : "traces");
            String where = located.stream().filter(l -> l.repetition().equals(r)).findFirst()
                    .map(l -> root.relativize(l.file()).toString().replace('\\', '/') + ":" + l.declaration().startLine())
                    .orElse(r.file() == null ? "not in the project's sources" : r.file() + (r.line() > 0 ? ":" + r.line() : "")
                            + " (not in the project's sources)");
            out.println("    in " + (r.function() == null ? "a span without code attributes" : r.function()) + " (" + where + ")");
            out.println("    " + r.system() + ": " + r.call());
        }
    }

    /** Loads every file into one set, printing each file's problems (malformed lines) on {@code err}. */
    static TraceSet load(List<Path> files, PrintStream err) throws TraceLoadException {
        TraceSet traces = new TraceSet();
        for (Path file : files) {
            traces.load(file.toAbsolutePath().normalize());
        }
        traces.problems().forEach(err::println);
        return traces;
    }

    static String label(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("traces");
    }
}
