package dev.perflens.lsp.cli;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.lsp.policy.PolicyLoader;
import java.util.Set;
import java.util.stream.Collectors;
import dev.perflens.engine.workspace.ProjectLayout;
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
    record Options(Path target, String format, Path output, Severity failOn) {
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public int run(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("perflens check: " + e.getMessage());
            err.println("usage: perflens check PATH [--format text|json|sarif] [--output FILE]"
                    + " [--fail-on error|warning|info|none]");
            return 2;
        }
        try {
            long start = System.nanoTime();
            Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
            List<FileAnalysis> analyses = analyze(engine, options.target(), err);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Report report = new Report(options.target().toAbsolutePath().normalize(), engine.registry().metadata(),
                    analyses);
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
            err.println(report.summary() + " in " + millis + " ms");
            report.problemLines().forEach(err::println);
            boolean failing = options.failOn() != null
                    && report.findings().stream().anyMatch(f -> f.severity().atLeast(options.failOn()));
            return failing ? 1 : 0;
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
        return new Options(target, format, output, failOn);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static List<FileAnalysis> analyze(Engine engine, Path target, PrintStream err) {
        Path absolute = target.toAbsolutePath().normalize();
        List<Path> files;
        ParseEnvironment environment;
        if (Files.isDirectory(absolute)) {
            ProjectLayout layout = ProjectLayout.discover(absolute);
            files = layout.javaFiles();
            environment = ParseEnvironment.of(layout);
        } else {
            files = List.of(absolute);
            environment = ParseEnvironment.of(ProjectLayout.discover(enclosingProject(absolute)));
        }
        Path policyRoot = Files.isDirectory(absolute) ? absolute : enclosingProject(absolute);
        Set<String> ruleIds = engine.registry().metadata().stream().map(RuleMetadata::id).collect(Collectors.toSet());
        PolicyLoader.Loaded policy = PolicyLoader.load(policyRoot, ruleIds);
        for (PolicyLoader.PolicyProblem problem : policy.problems()) {
            err.println(policyRoot.resolve(Policy.FILE_NAME) + ":" + (problem.line() + 1) + ":" + (problem.column() + 1)
                    + ": " + (problem.fatal() ? "error" : "warning") + " policy " + problem.message());
        }
        List<FileAnalysis> analyses = new ArrayList<>();
        // The compiler prints internal notes about unresolvable library types to System.err
        // ("... is wrongly tagged as containing missing types"); they say nothing to a user.
        PrintStream systemErr = System.err;
        System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            engine.analyzeAll(files, environment, policy.policy(), Cancellation.NONE, analyses::add);
        } finally {
            System.setErr(systemErr);
        }
        analyses.sort(Comparator.comparing(FileAnalysis::file));
        return analyses;
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
