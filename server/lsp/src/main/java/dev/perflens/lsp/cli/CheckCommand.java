package dev.perflens.lsp.cli;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.workspace.BuildToolPolicy;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.ProfileLoadException;
import dev.perflens.evidence.ProfileReader;
import dev.perflens.evidence.rank.ProfileRanker;
import dev.perflens.evidence.source.WorkspaceSources;
import dev.perflens.lsp.policy.PolicyLoader;
import dev.perflens.lsp.policy.PolicyService;
import java.util.Set;
import java.util.stream.Collectors;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.engine.workspace.WorkspaceClasspath;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code perflens check PATH}: the engine over a tree, for people and for CI. */
public final class CheckCommand {
    private final PrintStream out;
    private final PrintStream err;

    public CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Options as parsed from the command line. */
    record Options(Path target, String format, Path output, Severity failOn, List<Path> profiles,
                   List<Path> classpath, boolean resolve, Integer top, int threads, Policy.TestSources tests,
                   boolean trust, String since, Path baseline, List<Path> traces) {
        Options(Path target, String format, Path output, Severity failOn, List<Path> profiles) {
            this(target, format, output, failOn, profiles, List.of(), true, null, Runtime.getRuntime().availableProcessors(),
                    null, false, null, null, List.of());
        }
    }

    static final String USAGE = """
            usage: perflens check PATH [options]

            Analyses a folder (its source folders, in every module) or one .java file and prints one line
            per finding, most valuable first, and a summary on stderr. Writes nothing into PATH.

            options:
              --format text|json|sarif   output format (default text)
              --output FILE              write the report to FILE instead of stdout
              --fail-on error|warning|info|none
                                         exit 1 when a finding is at least this severe (default warning)
              --profile FILE             rank findings by a JFR recording or collapsed stacks (repeatable)
              --traces FILE              confirm query-in-loop findings and add n-plus-one-queries from
                                         OpenTelemetry traces (OTLP JSON; repeatable)
              --since REF                a change gate: only the files changed since the git revision REF,
                                         each finding new, unchanged, updated or absent; --fail-on then
                                         counts the new and updated ones only
              --baseline FILE.sarif      the same against a SARIF an earlier check --format sarif wrote
              --top N                    show only the N most valuable findings (--fail-on still sees all)
              --threads N                parse in up to N parallel batches (default: the number of cores)
              --include-tests            analyse test code like main code (default: its findings at hint)
              --exclude-tests            do not analyse test code
              --classpath A:B            jars or class folders the code needs (':'-separated, repeatable)
              --no-resolve               do not resolve the dependencies of a pom.xml or Gradle build at all
              --trust                    the folder is trusted: its own ./mvnw may run to resolve dependencies
                                         (without it, only the installed mvn runs, never a script of the folder;
                                         without any Maven the pom's coordinates are looked up in ~/.m2;
                                         a Gradle build's are always looked up, in ~/.m2 and ~/.gradle:
                                         Gradle never runs)
              -h, --help                 print this help

            exit status: 0 no finding at or above --fail-on (with --since or --baseline: no new or updated
            one), 1 such findings, 2 usage or I/O error (also: not a git repository, an unknown revision)
            """;

    /** What the analysis ran on, for ranking by profiles afterwards; {@code warnings} say what it lacked. */
    private record Checked(List<FileAnalysis> analyses, Policy policy, List<Path> sourceRoots, List<String> warnings,
                           ParseEnvironment environment) {
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public int run(String[] args) {
        if (Help.asked(args)) {
            out.print(USAGE);
            return 0;
        }
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("perflens check: " + e.getMessage());
            err.println("usage: perflens check PATH [--format text|json|sarif] [--output FILE]"
                    + " [--fail-on error|warning|info|none] [--profile FILE]... [--classpath A:B] [--no-resolve] [--trust]"
                    + " [--top N] [--threads N] [--include-tests | --exclude-tests] [--since REF | --baseline FILE.sarif]"
                    + " [--traces FILE]...  (perflens check --help)");
            return 2;
        }
        try {
            long start = System.nanoTime();
            List<Profile> profiles = new ArrayList<>();
            for (Path file : options.profiles()) {
                profiles.add(ProfileReader.read(file.toAbsolutePath().normalize()));
            }
            Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
            Path root = options.target().toAbsolutePath().normalize();
            ChangeGate.Change change = options.since() == null ? null
                    : ChangeGate.changedSince(options.since(), Files.isDirectory(root) ? root : root.getParent());
            Checked checked = analyze(engine, options, err, change == null ? null : change.files());
            List<FileAnalysis> analyses = checked.analyses();
            HotnessIndex index = null;
            if (!profiles.isEmpty()) {
                index = HotnessIndex.build(profiles, WorkspaceSources.of(checked.sourceRoots()));
                analyses = rank(analyses, new ProfileRanker(index, engine.registry().metadata()), checked.policy());
            }
            if (!options.traces().isEmpty()) {
                dev.perflens.evidence.trace.TraceSet traces = TracesCommand.load(options.traces(), err);
                dev.perflens.evidence.trace.TraceRanker ranker = new dev.perflens.evidence.trace.TraceRanker(traces,
                        WorkspaceSources.of(checked.sourceRoots()), TracesCommand.label(options.traces()));
                List<FileAnalysis> withTraces = new ArrayList<>(analyses.size());
                for (FileAnalysis analysis : analyses) {
                    withTraces.add(new FileAnalysis(analysis.file(), ranker.rank(analysis.file(), analysis.findings(),
                            checked.policy()), analysis.problems()));
                }
                analyses = withTraces;
                err.println("traces " + TracesCommand.label(options.traces()) + ": " + traces.spanCount() + " spans in "
                        + traces.traceCount() + " traces; " + traces.nPlusOneQueries().size() + " N+1 queries, "
                        + ranker.located().size() + " of them in this project's methods");
            }
            Report plain = new Report(root, engine.registry().metadata(), analyses, profiles, options.top());
            ChangeGate.Comparison comparison = null;
            if (change != null) {
                PrintStream systemErr = System.err;
                System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
                try { // the compiler's internal notes, as in analyze()
                    comparison = ChangeGate.since(change, Files.isDirectory(root) ? root : root.getParent(),
                            checked.analyses(), engine, checked.environment(), checked.policy(), plain::displayPath);
                } finally {
                    System.setErr(systemErr);
                }
            } else if (options.baseline() != null) {
                comparison = ChangeGate.compare(options.baseline().toString(), checked.analyses(),
                        ChangeGate.readSarif(options.baseline()), plain::displayPath, -1);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            Report report = new Report(root, engine.registry().metadata(), analyses, profiles, options.top(), comparison,
                    checked.warnings());
            String rendered = switch (options.format()) {
                case "json" -> ReportFormats.json(report);
                case "sarif" -> ReportFormats.sarif(report);
                default -> ReportFormats.text(report);
            };
            if (options.output() != null) {
                writeAtomically(options.output(), rendered);
            } else {
                out.print(rendered);
                out.flush();
            }
            err.println(report.summary() + " in " + millis + " ms; " + testsPhrase(checked.policy().tests()));
            if (index != null) {
                profileLines(index, report).forEach(err::println);
            }
            if (report.comparisonSummary() != null) {
                err.println(report.comparisonSummary() + (options.failOn() == null ? ""
                        : "; --fail-on counts the new and updated findings only"));
            }
            report.problemLines().forEach(err::println);
            boolean failing = options.failOn() != null
                    && report.gatedFindings().stream().anyMatch(f -> f.severity().atLeast(options.failOn()));
            return failing ? 1 : 0;
        } catch (dev.perflens.evidence.trace.TraceLoadException e) {
            err.println("perflens check: cannot use the traces " + e.getMessage());
            return 2;
        } catch (ChangeGate.GateException e) {
            err.println("perflens check: " + e.getMessage());
            return 2;
        } catch (ProfileLoadException e) {
            err.println("perflens check: cannot use the profile " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("perflens check: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("perflens check: cannot write " + options.output() + ": " + e.getMessage());
            return 2;
        }
    }

    static Options parse(String[] args) throws UsageException {
        Path target = null;
        String format = "text";
        Path output = null;
        Severity failOn = Severity.WARNING;
        List<Path> profiles = new ArrayList<>();
        Integer top = null;
        List<Path> classpath = new ArrayList<>();
        boolean resolve = true;
        int threads = Runtime.getRuntime().availableProcessors();
        Policy.TestSources tests = null;
        boolean trust = false;
        String since = null;
        Path baseline = null;
        List<Path> traces = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--format" -> {
                    format = value(args, ++i, arg);
                    if (!List.of("text", "json", "sarif").contains(format)) {
                        throw new UsageException("--format must be text, json or sarif, not '" + format + "'");
                    }
                }
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--profile" -> profiles.add(Path.of(value(args, ++i, arg)));
                case "--top" -> {
                    String n = value(args, ++i, arg);
                    try {
                        top = Integer.parseInt(n);
                    } catch (NumberFormatException e) {
                        top = 0;
                    }
                    if (top < 1) {
                        throw new UsageException("--top needs a positive number, not '" + n + "'");
                    }
                }
                case "--classpath" -> classpath.addAll(WorkspaceClasspath.split(value(args, ++i, arg)));
                case "--no-resolve" -> resolve = false;
                case "--trust" -> trust = true;
                case "--since" -> since = value(args, ++i, arg);
                case "--baseline" -> baseline = Path.of(value(args, ++i, arg));
                case "--traces" -> traces.add(Path.of(value(args, ++i, arg)));
                case "--include-tests", "--exclude-tests" -> {
                    Policy.TestSources chosen = arg.equals("--include-tests") ? Policy.TestSources.INCLUDE
                            : Policy.TestSources.EXCLUDE;
                    if (tests != null && tests != chosen) {
                        throw new UsageException("--include-tests and --exclude-tests exclude each other");
                    }
                    tests = chosen;
                }
                case "--threads" -> {
                    String count = value(args, ++i, arg);
                    try {
                        threads = Integer.parseInt(count);
                    } catch (NumberFormatException e) {
                        threads = 0;
                    }
                    if (threads < 1 || threads > 256) {
                        throw new UsageException("--threads must be a number from 1 to 256, not '" + count + "'");
                    }
                }
                case "--fail-on" -> {
                    String level = value(args, ++i, arg);
                    if (level.equals("none")) {
                        failOn = null;
                    } else {
                        try {
                            failOn = Severity.valueOf(level.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("--fail-on must be error, warning, info or none, not '" + level + "'");
                        }
                        if (failOn == Severity.HINT) {
                            throw new UsageException("--fail-on must be error, warning, info or none, not 'hint'");
                        }
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (target != null) {
                        throw new UsageException("only one PATH, got '" + target + "' and '" + arg + "'");
                    }
                    target = Path.of(arg);
                }
            }
        }
        if (target == null) {
            throw new UsageException("missing PATH (a folder or a .java file)");
        }
        if (!Files.exists(target)) {
            throw new UsageException("no such file or folder: " + target);
        }
        if (since != null && baseline != null) {
            throw new UsageException("--since and --baseline exclude each other: compare with a revision or a saved SARIF");
        }
        if (baseline != null && !Files.isRegularFile(baseline)) {
            throw new UsageException("no such baseline file: " + baseline);
        }
        return new Options(target, format, output, failOn, List.copyOf(profiles), List.copyOf(classpath), resolve,
                top, threads, tests, trust, since, baseline, List.copyOf(traces));
    }

    static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    /** Each file's findings re-ranked by the profiles, read from disk as the analysis saw it. */
    private static List<FileAnalysis> rank(List<FileAnalysis> analyses, ProfileRanker ranker, Policy policy) {
        List<FileAnalysis> ranked = new ArrayList<>(analyses.size());
        for (FileAnalysis analysis : analyses) {
            String text;
            try {
                text = new String(Files.readAllBytes(analysis.file()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + analysis.file() + ": " + e.getMessage(), e);
            }
            ranked.add(new FileAnalysis(analysis.file(), ranker.rank(analysis.file(), text, analysis.findings(), policy),
                    analysis.problems()));
        }
        return ranked;
    }

    /** What the profiles held and where the time went, for stderr. */
    private static List<String> profileLines(HotnessIndex index, Report report) {
        List<String> lines = new ArrayList<>();
        for (Profile profile : index.profiles()) {
            lines.add("profile " + profile.summary() + (profile.origin() == null ? "" : " (" + profile.origin() + ")"));
            profile.notes().forEach(note -> lines.add("  note: " + note));
        }
        List<MethodHotness> top = index.hotspots(Metric.CPU, 5);
        if (!top.isEmpty()) {
            lines.add("hotspots (share of CPU samples in the method's own code and the library code it calls):");
            for (MethodHotness method : top) {
                lines.add(String.format(Locale.ROOT, "  %6s  %s (%s:%d)", ProfileWeight.percent(method.selfShare(Metric.CPU)),
                        method.name(), report.displayPath(method.file()),
                        method.hottestLine() > 0 ? method.hottestLine() : method.declaration().startLine()));
            }
        }
        return lines;
    }

    /** {@code only}: analyse just these of the tree's files (the files a change touched), or null for all. */
    private static Checked analyze(Engine engine, Options options, PrintStream err, Set<Path> only) {
        Path absolute = options.target().toAbsolutePath().normalize();
        Path projectRoot = Files.isDirectory(absolute) ? absolute : enclosingProject(absolute);
        ProjectLayout layout = ProjectLayout.discover(projectRoot);
        List<Path> files = Files.isDirectory(absolute) ? layout.javaFiles() : List.of(absolute);
        if (only != null) {
            files = files.stream().filter(f -> only.contains(f.toAbsolutePath().normalize())).toList();
        }
        List<Path> classpath = new ArrayList<>(options.classpath().stream().map(p -> p.toAbsolutePath().normalize()).toList());
        List<String> warnings = new ArrayList<>();
        if (options.resolve()) {
            WorkspaceClasspath.Resolved resolved = WorkspaceClasspath.resolve(projectRoot,
                    message -> err.println("perflens check: " + message),
                    options.trust() ? BuildToolPolicy.WRAPPER : BuildToolPolicy.SYSTEM);
            resolved.summary().ifPresent(line -> err.println("perflens check: " + line));
            for (String missing : resolved.missing()) {
                warnings.add("dependency not found, rules on its types stay silent: " + missing);
            }
            if (resolved.missing().isEmpty() && resolved.error() != null) {
                warnings.add("classpath incomplete: " + resolved.error());
            }
            classpath.addAll(resolved.entries());
        }
        Path policyRoot = projectRoot;
        Set<String> ruleIds = PolicyService.knownRuleIds(engine.registry());
        PolicyLoader.Loaded policy = PolicyLoader.load(policyRoot, ruleIds);
        for (PolicyLoader.PolicyProblem problem : policy.problems()) {
            err.println(policyRoot.resolve(Policy.FILE_NAME) + ":" + (problem.line() + 1) + ":" + (problem.column() + 1)
                    + ": " + (problem.fatal() ? "error" : "warning") + " policy " + problem.message());
        }
        classpath.addAll(policy.classpath());
        Policy effective = options.tests() == null ? policy.policy() : policy.policy().withTests(options.tests());
        ParseEnvironment environment = ParseEnvironment.of(layout, classpath);
        List<FileAnalysis> analyses = new ArrayList<>();
        // The compiler prints internal notes about unresolvable library types to System.err
        // ("... is wrongly tagged as containing missing types"); they say nothing to a user.
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            engine.analyzeAll(files, environment, effective, Engine.DEFAULT_FILE_BUDGET, options.threads(), Cancellation.NONE,
                    analyses::add);
        } finally {
            System.setErr(systemErr);
        }
        analyses.sort(Comparator.comparing(FileAnalysis::file));
        warnings.forEach(warning -> err.println("perflens check: warning: " + warning));
        return new Checked(analyses, effective, environment.sourceRoots(), List.copyOf(warnings), environment);
    }

    /** How the summary line says what happened to test code. */
    static String testsPhrase(Policy.TestSources tests) {
        return switch (tests) {
            case HINT -> "test code at hint (--include-tests: like main code)";
            case INCLUDE -> "test code analysed like main code";
            case EXCLUDE -> "test code not analysed";
        };
    }

    /** For a single file: the folder above its {@code src/main/java} (or its own folder). */
    private static Path enclosingProject(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (p.endsWith(Path.of("src", "main", "java")) || p.endsWith(Path.of("src", "test", "java"))) {
                return p.getParent().getParent().getParent();
            }
        }
        return file.getParent();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
