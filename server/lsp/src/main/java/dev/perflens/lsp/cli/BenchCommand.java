package dev.perflens.lsp.cli;

import com.google.inject.Guice;
import dev.perflens.bench.BenchSettings;
import dev.perflens.bench.Baselines;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.bench.BenchmarkJob;
import dev.perflens.bench.BenchmarkListener;
import dev.perflens.bench.BenchmarkReport;
import dev.perflens.bench.BenchmarkRunner;
import dev.perflens.bench.BenchmarkTargets;
import dev.perflens.bench.MarkdownReport;
import dev.perflens.bench.ReportStore;
import dev.perflens.bench.harness.MethodLocator;
import dev.perflens.bench.harness.MethodUnderTest;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.text.LineMap;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.lsp.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code perflens bench PATH}: the benchmarks of the editor from a terminal or CI. Without
 * --method or --at it runs the saved benchmarks again (reports under .perflens/benchmarks/ and
 * entries of .perflens/baselines.json). {@code --save-baseline} stores the results of the code as
 * it is; {@code --compare} measures it again and exits 1 on a regression with statistical support.
 */
public final class BenchCommand {
    static final String USAGE = "usage: perflens bench PATH [--method CLASS#METHOD | --at FILE:LINE]"
            + " [--mode quick|thorough] [--forks N] [--warmup N] [--warmup-ms N] [--iterations N] [--iteration-ms N]"
            + " [--sizes N,N,...] [--max-call-ms N] [--timeout-s N] [--save-baseline | --compare]"
            + " [--threshold FRACTION] [--format text|json]  (perflens bench --help)";

    static final String HELP = """
            usage: perflens bench PATH [options]

            Benchmarks a method against its proposed fix with JMH, in a temporary copy of the sources and
            forked JVMs; without --method/--at, runs the project's saved benchmarks again. This runs the
            project's code: use it on folders you trust. Reports go to PATH/.perflens/benchmarks/.

            options:
              --method CLASS#METHOD      the method (CLASS#METHOD(Type,Type) when overloaded)
              --at FILE:LINE             the method around a line (FILE relative to PATH)
              --mode quick|thorough      preset (default quick, about a minute); the "benchmark" settings
                                         of .perflens.json apply, and these options override them:
              --forks N                  forked JVMs per variant
              --warmup N                 warm-up iterations per size and fork
              --warmup-ms N              length of one warm-up iteration
              --iterations N             measurement iterations per size and fork
              --iteration-ms N           length of one measurement iteration
              --sizes N,N,...            input sizes
              --max-call-ms N            measure a size only if one call takes at most this long
              --timeout-s N              wall-clock limit of the whole run
              --save-baseline            store the results of the code as it is in .perflens/baselines.json
              --compare                  measure again and compare with the baselines; exit 1 on a regression
              --threshold FRACTION       slow-down that counts as a regression (default 0.1 = 10%)
              --format text|json         output format (default text)
              -h, --help                 print this help

            Before a fix is timed, both variants run on the same inputs (edge cases and 50 generated inputs
            per size): a fix that changes a result, an exception or the arguments' state after the call is
            rejected and not timed.

            exit status: 0 done, 1 a regression (--compare), 2 usage error or a benchmark that failed,
                         3 a fix rejected because it changes behaviour
            """;

    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Options as parsed from the command line. */
    record Options(Path root, String method, String at, BenchSettings.Overrides overrides, boolean saveBaseline,
                   boolean compare, Double threshold, String format) {
    }

    public int run(String[] args) {
        if (Help.asked(args)) {
            out.print(HELP);
            return 0;
        }
        Options options;
        try {
            options = parse(args);
        } catch (CheckCommand.UsageException e) {
            err.println("perflens bench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path root = options.root();
        Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
        Set<String> ruleIds = engine.registry().metadata().stream().map(RuleMetadata::id).collect(Collectors.toSet());
        PolicyLoader.Loaded policy = PolicyLoader.load(root, ruleIds);
        for (PolicyLoader.PolicyProblem problem : policy.problems()) {
            err.println(root.resolve(Policy.FILE_NAME) + ":" + (problem.line() + 1) + ":" + (problem.column() + 1)
                    + ": " + (problem.fatal() ? "error" : "warning") + " policy " + problem.message());
        }
        // the classpath check resolves (Maven, Gradle) is the benchmark's too; benchmark.classpath adds to it
        dev.perflens.engine.workspace.WorkspaceClasspath.Resolved resolved = dev.perflens.engine.workspace.WorkspaceClasspath
                .resolve(root, message -> err.println("perflens bench: " + message),
                        dev.perflens.engine.workspace.BuildToolPolicy.SYSTEM);
        resolved.summary().ifPresent(line -> err.println("perflens bench: " + line));
        resolved.missing().forEach(name -> err.println("perflens bench: dependency not found, add it to"
                + " benchmark.classpath if the method needs it: " + name));
        ParseEnvironment environment = ParseEnvironment.of(ProjectLayout.discover(root), resolved.entries());
        BenchSettings settings = BenchSettings.resolve(policy.benchmark(), options.overrides());
        double threshold = options.threshold() != null ? options.threshold() : settings.regressionThreshold();
        boolean originalOnly = options.saveBaseline() || options.compare(); // baselines guard the code as it is
        BenchmarkTargets targets = new BenchmarkTargets(engine);
        Map<String, Baselines.Entry> baselines;
        List<BenchmarkJob> jobs = new ArrayList<>();
        try {
            baselines = Baselines.load(root);
            if (options.method() != null || options.at() != null) {
                jobs.add(target(options, root, environment, policy.policy(), targets, originalOnly));
            } else {
                for (BenchmarkReport.Target saved : saved(root, baselines, options.compare())) {
                    jobs.add(targets.forSaved(root, environment, policy.policy(), saved, !originalOnly, Cancellation.NONE));
                }
            }
        } catch (BenchmarkException | IOException e) {
            err.println("perflens bench: " + e.getMessage());
            return 2;
        }
        if (jobs.isEmpty()) {
            err.println("perflens bench: nothing to run: no saved benchmarks under " + root.resolve(ReportStore.FOLDER)
                    + (options.compare() ? " and no baselines in " + Baselines.FILE : "")
                    + "; name a method with --method CLASS#METHOD or --at FILE:LINE");
            return 2;
        }

        BenchmarkRunner runner = new BenchmarkRunner();
        int regressions = 0;
        int rejected = 0;
        boolean failed = false;
        List<Map<String, Object>> json = new ArrayList<>();
        for (BenchmarkJob job : jobs) {
            BenchmarkReport report;
            try {
                report = runner.run(originalOnly ? job.originalOnly() : job, settings, progressPrinter(job), Cancellation.NONE);
            } catch (BenchmarkException e) {
                err.println("perflens bench: " + job.file().getFileName() + ": " + e.getMessage());
                failed = true;
                continue;
            }
            if (report.verdict() == dev.perflens.bench.result.Verdict.REJECTED) {
                rejected++;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("report", report);
            if (!originalOnly) {
                try {
                    ReportStore.Written written = new ReportStore(root).save(report);
                    err.println("report: " + root.relativize(written.markdown()));
                } catch (IOException e) {
                    err.println("perflens bench: cannot write the report: " + describe(e) + "; the results above stand");
                    failed = true;
                }
            }
            printReport(report, options.format());
            if (options.compare()) {
                Baselines.Entry baseline = baselines.get(report.id());
                if (baseline == null) {
                    printLine(options.format(), "no baseline for " + report.id() + "; save one with --save-baseline");
                } else {
                    List<Baselines.Change> changes = Baselines.compare(baseline, report, threshold);
                    entry.put("baselineSavedAt", baseline.savedAt());
                    entry.put("changes", changes.stream().map(c -> Map.of("size", c.size(), "status", c.status().label,
                            "ratio", c.ratio().value(), "ratioLow", c.ratio().low(), "ratioHigh", c.ratio().high())).toList());
                    printLine(options.format(), "against the baseline of " + baseline.savedAt() + " (threshold "
                            + Math.round(threshold * 100) + "%):");
                    for (Baselines.Change change : changes) {
                        printLine(options.format(), "  " + change.describe());
                        if (change.status() == Baselines.Status.REGRESSION) {
                            regressions++;
                        }
                    }
                }
            }
            if (options.saveBaseline()) {
                baselines.put(report.id(), Baselines.entryOf(report));
            }
            json.add(entry);
        }
        if (options.saveBaseline()) {
            try {
                Baselines.save(root, baselines);
                err.println("baselines saved to " + root.relativize(root.resolve(Baselines.FILE)));
            } catch (IOException e) {
                err.println("perflens bench: cannot write " + Baselines.FILE + ": " + describe(e)
                        + "; the results above stand, nothing was saved");
                return 2;
            }
        }
        if (options.format().equals("json")) {
            try {
                out.println(ReportStore.toJson(json));
            } catch (IOException e) {
                err.println("perflens bench: " + e.getMessage());
                return 2;
            }
        }
        if (options.compare()) {
            err.println(regressions == 0 ? "no regression" : regressions + " regression" + (regressions == 1 ? "" : "s"));
        }
        if (rejected > 0) {
            err.println(rejected + (rejected == 1 ? " fix" : " fixes") + " rejected: " + (rejected == 1 ? "it changes"
                    : "they change") + " behaviour");
        }
        out.flush();
        // a rejection first: it is the answer that must not be missed, even beside a failed or regressed run
        return rejected > 0 ? 3 : failed ? 2 : regressions > 0 ? 1 : 0;
    }

    private void printReport(BenchmarkReport report, String format) {
        if (format.equals("json")) {
            return;
        }
        out.println("== " + report.method() + (report.fixTitle() == null ? "" : "\n   fix: " + report.fixTitle()));
        // the evidence card's order: verdict, behaviour, speed-up per size (with allocation), notes, settings
        out.println(report.verdict().label() + ": " + report.summary());
        if (report.behaviour() != null) {
            out.print(MarkdownReport.behaviour(report.behaviour()));
        }
        out.print(MarkdownReport.table(report));
        report.notes().forEach(note -> out.println("- " + note));
        out.println(report.settings().describe() + "; JDK " + report.environment().jdkVersion() + "; "
                + Math.round(report.wallMillis() / 1000.0) + " s");
    }

    private void printLine(String format, String line) {
        if (!format.equals("json")) {
            out.println(line);
        }
    }

    private BenchmarkListener progressPrinter(BenchmarkJob job) {
        return new BenchmarkListener() {
            @Override
            public void progress(String phase, int percent) {
                err.println("perflens bench: " + job.file().getFileName() + ": " + phase + " (" + percent + "%)");
            }
        };
    }

    /** The saved benchmarks: reports under .perflens/benchmarks/ and (with --compare, only) the baselines. */
    private List<BenchmarkReport.Target> saved(Path root, Map<String, Baselines.Entry> baselines, boolean compare)
            throws IOException {
        Map<String, BenchmarkReport.Target> targets = new LinkedHashMap<>();
        baselines.forEach((id, entry) -> targets.put(id, entry.target()));
        if (!compare) {
            List<String> problems = new ArrayList<>();
            for (BenchmarkReport report : new ReportStore(root).saved(problems)) {
                targets.putIfAbsent(report.id(), report.target());
            }
            problems.forEach(problem -> err.println("perflens bench: unreadable report " + problem));
        }
        return new ArrayList<>(targets.values());
    }

    private BenchmarkJob target(Options options, Path root, ParseEnvironment environment, Policy policy,
                                BenchmarkTargets targets, boolean originalOnly) throws BenchmarkException, IOException {
        if (options.at() != null) {
            int colon = options.at().lastIndexOf(':');
            Path file = root.resolve(options.at().substring(0, colon)).normalize();
            int line = Integer.parseInt(options.at().substring(colon + 1)) - 1;
            String text = Files.readString(file, StandardCharsets.UTF_8);
            LineMap lines = new LineMap(text);
            int offset = lines.lineStart(line);
            while (offset < lines.lineEnd(line, text) && Character.isWhitespace(text.charAt(offset))) {
                offset++;
            }
            return targets.forMethod(root, environment, policy, file, text, offset, null, !originalOnly, Cancellation.NONE);
        }
        String[] parts = options.method().split("#", 2);
        String owner = parts[0];
        String name = parts[1].contains("(") ? parts[1].substring(0, parts[1].indexOf('(')) : parts[1];
        Path file = sourceFileOf(owner, environment.sourceRoots());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<MethodUnderTest> methods = parts[1].contains("(")
                ? List.of(MethodLocator.bySignature(text, owner + "#" + parts[1].replace(" ", "")))
                : MethodLocator.byName(text, owner, name);
        if (methods.isEmpty()) {
            throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD, "no method " + name + " in " + owner);
        }
        if (methods.size() > 1) {
            throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD, name + " is overloaded; name one: "
                    + methods.stream().map(m -> "--method '" + m.signature() + "'").collect(Collectors.joining(", ")));
        }
        return targets.forMethod(root, environment, policy, file, text, methods.get(0).startOffset(), null, !originalOnly,
                Cancellation.NONE);
    }

    /** com.example.Outer.Inner: the file is com/example/Outer.java in one of the source roots. */
    private static Path sourceFileOf(String qualifiedType, List<Path> sourceRoots) throws BenchmarkException {
        String[] segments = qualifiedType.split("\\.");
        for (int length = segments.length; length >= 1; length--) {
            String relative = String.join("/", Arrays.copyOf(segments, length)) + ".java";
            for (Path root : sourceRoots) {
                if (Files.isRegularFile(root.resolve(relative))) {
                    return root.resolve(relative);
                }
            }
        }
        throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD, "no source file for " + qualifiedType
                + " in " + sourceRoots);
    }

    static Options parse(String[] args) throws CheckCommand.UsageException {
        Path root = null;
        String method = null;
        String at = null;
        String mode = null;
        Integer forks = null;
        Integer warmup = null;
        Integer warmupMillis = null;
        Integer iterations = null;
        Integer iterationMillis = null;
        List<Integer> sizes = null;
        Integer maxCall = null;
        Integer timeout = null;
        boolean saveBaseline = false;
        boolean compare = false;
        Double threshold = null;
        String format = "text";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--method" -> {
                    method = value(args, ++i, arg);
                    if (!method.contains("#")) {
                        throw new CheckCommand.UsageException("--method needs CLASS#METHOD, e.g. com.example.Orders#match");
                    }
                }
                case "--at" -> {
                    at = value(args, ++i, arg);
                    if (!at.matches(".+:\\d+")) {
                        throw new CheckCommand.UsageException("--at needs FILE:LINE, e.g. src/main/java/com/example/Orders.java:42");
                    }
                }
                case "--mode" -> {
                    mode = value(args, ++i, arg);
                    if (!mode.equals(BenchSettings.QUICK) && !mode.equals(BenchSettings.THOROUGH)) {
                        throw new CheckCommand.UsageException("--mode must be quick or thorough, not '" + mode + "'");
                    }
                }
                case "--forks" -> forks = number(args, ++i, arg);
                case "--warmup" -> warmup = number(args, ++i, arg);
                case "--warmup-ms" -> warmupMillis = number(args, ++i, arg);
                case "--iterations" -> iterations = number(args, ++i, arg);
                case "--iteration-ms" -> iterationMillis = number(args, ++i, arg);
                case "--max-call-ms" -> maxCall = number(args, ++i, arg);
                case "--timeout-s" -> timeout = number(args, ++i, arg);
                case "--sizes" -> {
                    String list = value(args, ++i, arg);
                    try {
                        sizes = Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
                    } catch (NumberFormatException e) {
                        throw new CheckCommand.UsageException("--sizes needs whole numbers separated by commas, not '" + list + "'");
                    }
                }
                case "--save-baseline" -> saveBaseline = true;
                case "--compare" -> compare = true;
                case "--threshold" -> {
                    String value = value(args, ++i, arg);
                    try {
                        threshold = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new CheckCommand.UsageException("--threshold needs a fraction such as 0.1, not '" + value + "'");
                    }
                }
                case "--format" -> {
                    format = value(args, ++i, arg);
                    if (!format.equals("text") && !format.equals("json")) {
                        throw new CheckCommand.UsageException("--format must be text or json, not '" + format + "'");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new CheckCommand.UsageException("unknown option " + arg);
                    }
                    if (root != null) {
                        throw new CheckCommand.UsageException("only one PATH, got '" + root + "' and '" + arg + "'");
                    }
                    root = Path.of(arg);
                }
            }
        }
        if (root == null) {
            throw new CheckCommand.UsageException("missing PATH (the project folder)");
        }
        if (!Files.isDirectory(root)) {
            throw new CheckCommand.UsageException("not a folder: " + root);
        }
        if (method != null && at != null) {
            throw new CheckCommand.UsageException("give --method or --at, not both");
        }
        if (saveBaseline && compare) {
            throw new CheckCommand.UsageException("give --save-baseline or --compare, not both");
        }
        BenchSettings.Overrides overrides = new BenchSettings.Overrides(mode, forks, warmup, warmupMillis, iterations,
                iterationMillis, sizes, maxCall, null, timeout, null, threshold, null);
        if (!overrides.problems().isEmpty()) {
            throw new CheckCommand.UsageException(String.join("; ", overrides.problems()));
        }
        return new Options(root.toAbsolutePath().normalize(), method, at, overrides, saveBaseline, compare, threshold,
                format);
    }

    private static String value(String[] args, int index, String option) throws CheckCommand.UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new CheckCommand.UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String[] args, int index, String option) throws CheckCommand.UsageException {
        String value = value(args, index, option);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CheckCommand.UsageException(option + " needs a whole number, not '" + value + "'");
        }
    }

    /** An I/O error as a user reads it: what failed on which path, not only the path. */
    static String describe(IOException e) {
        String what = e instanceof java.nio.file.FileAlreadyExistsException
                || e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null && fs.getReason().contains("Not a directory")
                ? "a file is in the way of the folder" : e instanceof java.nio.file.AccessDeniedException
                ? "permission denied" : e.getClass().getSimpleName();
        return what + " (" + e.getMessage() + ")";
    }
}
