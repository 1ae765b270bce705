package dev.perflens.engine;

import dev.perflens.engine.calibration.CalibrationData;
import dev.perflens.engine.calibration.Calibrations;
import dev.perflens.engine.calibration.Estimator;
import dev.perflens.engine.calibration.SizeHints;
import dev.perflens.engine.context.ExecutionContext;
import dev.perflens.engine.context.ExecutionContexts;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import dev.perflens.engine.rule.RuleDispatcher;
import dev.perflens.engine.rule.RuleRegistry;
import dev.perflens.engine.text.LineMap;
import dev.perflens.engine.workspace.ParseEnvironment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.jdt.core.compiler.IProblem;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.FileASTRequestor;

/**
 * The analysis entry point: parses with bindings, runs all rules in one pass, and computes
 * fixes on request. Knows nothing of LSP or JSON.
 */
@jakarta.inject.Singleton
public final class Engine {
    private final RuleRegistry registry;
    private final Calibrations calibrations;

    @Inject
    public Engine(RuleRegistry registry, Calibrations calibrations) {
        this.registry = registry;
        this.calibrations = calibrations;
    }

    /** With the calibration data shipped with Perflens. */
    public Engine(RuleRegistry registry) {
        this(registry, new Calibrations());
    }

    public Calibrations calibrations() {
        return calibrations;
    }

    public RuleRegistry registry() {
        return registry;
    }

    /** Analyses one file whose current text is given (it may differ from the disk), with default policy. */
    public FileAnalysis analyze(Path file, String text, ParseEnvironment environment, Cancellation cancellation) {
        return analyze(file, text, environment, Policy.defaults(null), cancellation);
    }

    private static final Object WARM_UP_LOCK = new Object();
    private static volatile boolean warmedUp;
    private static final String WARM_UP_SOURCE = "import java.util.*;\nclass WarmUp {\n  String f(List<String> xs, Set<String> ys) {\n"
            + "    String s = \"\";\n    for (String x : xs) { if (xs.contains(x) && x.matches(\"a+\")) s += x; }\n"
            + "    return s;\n  }\n}\n";

    /**
     * Analyses a small snippet that touches the rules' common JDK types, once per JVM, before any
     * other analysis starts: the compiler's classes are then initialised by one thread (the first
     * uses from several threads at once could wait on each other's class initialisation), and the
     * first real file does not pay for loading them. Callers that arrive meanwhile wait for it.
     */
    public void warmUp() {
        if (warmedUp) {
            return;
        }
        synchronized (WARM_UP_LOCK) {
            if (!warmedUp) {
                analyzeNow(Path.of("/perflens-warm-up/WarmUp.java"), WARM_UP_SOURCE, ParseEnvironment.jdkOnly(),
                        Policy.defaults(null), Cancellation.NONE);
                warmedUp = true;
            }
        }
    }

    /** Analyses one file under a team policy; an excluded file has no findings. */
    public FileAnalysis analyze(Path file, String text, ParseEnvironment environment, Policy policy,
                                Cancellation cancellation) {
        warmUp();
        return analyzeNow(file, text, environment, policy, cancellation);
    }

    private FileAnalysis analyzeNow(Path file, String text, ParseEnvironment environment, Policy policy,
                                    Cancellation cancellation) {
        if (policy.isExcluded(file)) {
            return new FileAnalysis(file, List.of(), List.of());
        }
        try {
            CompilationUnit unit = parse(file, text, environment, cancellation);
            return analyzeUnit(file, text, unit, enabledRules(policy), policy, cancellation).analysis();
        } catch (Cancellation.BudgetExceeded e) {
            return skipped(file, "analysis stopped: " + e.getMessage());
        } catch (StackOverflowError e) {
            return skipped(file, "not analysed: the code is nested deeper than the compiler's stack allows");
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return skipped(file, compilerFailure(e));
        }
    }

    /** JDT's converter throws on some broken texts (found by the fuzz test); that is the text's problem, not ours. */
    private static String compilerFailure(RuntimeException e) {
        return "not analysed: the compiler could not build a syntax tree of this text (" + e + ")";
    }

    private static FileAnalysis skipped(Path file, String why) {
        return new FileAnalysis(file, List.of(),
                List.of(new Problem(Problem.Kind.SKIPPED, new dev.perflens.engine.text.TextRange(0, 0, 0, 0, 0, 0), why)));
    }

    private List<Rule> enabledRules(Policy policy) {
        return registry.rules().stream().filter(rule -> policy.isEnabled(rule.metadata().id())).toList();
    }

    /**
     * Analyses files from disk in one binding environment (faster than one parse each), handing
     * each result to {@code sink} as soon as it is ready.
     */
    public void analyzeAll(List<Path> files, ParseEnvironment environment, Cancellation cancellation,
                           Consumer<FileAnalysis> sink) {
        analyzeAll(files, environment, Policy.defaults(null), cancellation, sink);
    }

    /** As {@link #analyzeAll(List, ParseEnvironment, Cancellation, Consumer)}, under a team policy. */
    public void analyzeAll(List<Path> allFiles, ParseEnvironment environment, Policy policy,
                           Cancellation cancellation, Consumer<FileAnalysis> sink) {
        analyzeAll(allFiles, environment, policy, DEFAULT_FILE_BUDGET, cancellation, sink);
    }

    /** The time one file's rules may take in a batch before the file is skipped. */
    public static final java.time.Duration DEFAULT_FILE_BUDGET = java.time.Duration.ofSeconds(2);

    public void analyzeAll(List<Path> allFiles, ParseEnvironment environment, Policy policy,
                           java.time.Duration perFileBudget, Cancellation cancellation, Consumer<FileAnalysis> sink) {
        analyzeAll(allFiles, environment, policy, perFileBudget, 1, cancellation, sink);
    }

    /**
     * As above, with the files split into up to {@code parallelism} batches of neighbouring files,
     * each parsed and resolved in its own binding environment on its own thread (see {@link Batches}).
     * {@code sink} is called by one thread at a time, in no particular file order.
     */
    public void analyzeAll(List<Path> allFiles, ParseEnvironment environment, Policy policy,
                           java.time.Duration perFileBudget, int parallelism, Cancellation cancellation,
                           Consumer<FileAnalysis> sink) {
        List<Path> files = allFiles.stream().filter(file -> !policy.isExcluded(file)).toList();
        if (files.isEmpty()) {
            return;
        }
        warmUp(); // before the batch threads start
        List<Rule> rules = enabledRules(policy);
        List<List<Path>> batches = Batches.split(files, parallelism);
        if (batches.size() == 1) {
            analyzeBatch(files, environment, policy, rules, perFileBudget, cancellation, sink);
            return;
        }
        // The first failure (or cancellation) stops the other batches at their next check and is rethrown.
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Cancellation stopOnFailure = () -> {
            cancellation.checkCanceled();
            if (failure.get() != null) {
                throw new CancellationException("another batch failed");
            }
        };
        Object lock = new Object();
        Consumer<FileAnalysis> serialSink = analysis -> {
            synchronized (lock) {
                sink.accept(analysis);
            }
        };
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(
                batches.size(), runnable -> {
                    Thread thread = new Thread(runnable, "perflens-batch");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (List<Path> batch : batches) {
                running.add(threads.submit(() -> {
                    try {
                        analyzeBatch(batch, environment, policy, rules, perFileBudget, stopOnFailure, serialSink);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> batch : running) {
                batch.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("analysis interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // not reached: each batch catches what it throws
        } finally {
            threads.shutdownNow();
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    private void analyzeBatch(List<Path> files, ParseEnvironment environment, Policy policy, List<Rule> rules,
                              java.time.Duration perFileBudget, Cancellation cancellation, Consumer<FileAnalysis> sink) {
        ASTParser parser = environment.newParser();
        String[] paths = files.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
        String[] encodings = new String[paths.length];
        java.util.Arrays.fill(encodings, "UTF-8");
        java.util.Set<Path> accepted = new java.util.HashSet<>();
        FileASTRequestor requestor = new FileASTRequestor() {
            @Override
            public void acceptAST(String sourceFilePath, CompilationUnit unit) {
                Path file = Path.of(sourceFilePath);
                accepted.add(file);
                try {
                    sink.accept(analyzeUnit(file, read(file), unit, rules, policy,
                            cancellation.withBudget(perFileBudget)).analysis());
                } catch (Cancellation.BudgetExceeded e) {
                    sink.accept(skipped(file, "analysis stopped: " + e.getMessage()));
                } catch (StackOverflowError e) {
                    sink.accept(skipped(file, "not analysed: the code is nested deeper than the compiler's stack allows"));
                }
            }
        };
        try {
            parser.createASTs(paths, encodings, new String[0], requestor, monitor(cancellation));
        } catch (OperationCanceledException e) {
            throw new CancellationException("analysis canceled");
        } catch (StackOverflowError | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | NullPointerException | ClassCastException e) {
            // The batch compiler failed on one file (a deeply nested one, or a text its converter
            // cannot handle); fall back to one file at a time for the files not analysed yet.
            for (Path file : files) {
                if (!accepted.contains(file.toAbsolutePath())) {
                    sink.accept(analyze(file, read(file), environment, policy, cancellation.withBudget(perFileBudget)));
                }
            }
        }
    }

    /**
     * Computes the fix of the finding with {@code findingKey} in this exact text, or empty when
     * the finding is not there any more or has no fix.
     */
    public Optional<ProposedFix> computeFix(Path file, String text, ParseEnvironment environment,
                                            String findingKey, Cancellation cancellation) {
        return computeFix(file, text, environment, Policy.defaults(null), findingKey, cancellation);
    }

    /** As above, under a team policy: no fix in protected paths or for disabled rules. */
    public Optional<ProposedFix> computeFix(Path file, String text, ParseEnvironment environment, Policy policy,
                                            String findingKey, Cancellation cancellation) {
        String ruleId = findingKey.substring(0, Math.max(0, findingKey.indexOf('@')));
        Optional<Rule> rule = registry.rule(ruleId);
        if (rule.isEmpty() || !policy.isEnabled(ruleId) || policy.isExcluded(file)
                || policy.protectingGlob(file).isPresent()) {
            return Optional.empty();
        }
        warmUp();
        CompilationUnit unit = parse(file, text, environment, cancellation);
        UnitResult result = analyzeUnit(file, text, unit, List.of(rule.get()), policy, cancellation);
        for (int i = 0; i < result.analysis().findings().size(); i++) {
            Finding finding = result.analysis().findings().get(i);
            RuleContext.Report report = result.reports().get(i);
            if (finding.key().equals(findingKey) && report.fix() != null && !policy.deniesFix(report.fix().kind())) {
                FixRewrite rewrite = new FixRewrite(unit);
                report.fix().apply(rewrite);
                List<TextEdit> edits = rewrite.toEdits(text, environment.compilerOptions());
                return Optional.of(new ProposedFix(finding, file, report.fix().title(), edits));
            }
        }
        return Optional.empty();
    }

    private CompilationUnit parse(Path file, String text, ParseEnvironment environment, Cancellation cancellation) {
        ASTParser parser = environment.newParser();
        parser.setSource(text.toCharArray());
        parser.setUnitName(file.toAbsolutePath().toString());
        try {
            return (CompilationUnit) parser.createAST(monitor(cancellation));
        } catch (OperationCanceledException e) {
            cancellation.checkCanceled(); // rethrows the caller's own reason (canceled, or out of budget)
            throw new CancellationException("analysis canceled");
        }
    }

    private record UnitResult(FileAnalysis analysis, List<RuleContext.Report> reports) {
    }

    private UnitResult analyzeUnit(Path file, String text, CompilationUnit unit, List<Rule> rules, Policy policy,
                                   Cancellation cancellation) {
        LineMap lines = new LineMap(text);
        RuleContext context = new RuleContext(unit, text, file, cancellation);
        RuleDispatcher dispatcher = new RuleDispatcher(rules, context);
        unit.accept(dispatcher);

        List<Finding> findings = new ArrayList<>();
        List<RuleContext.Report> reports = new ArrayList<>();
        Suppressions suppressions = new Suppressions(unit, text, lines);
        Optional<String> protectingGlob = policy.protectingGlob(file);
        ExecutionContexts contexts = new ExecutionContexts(unit, file, policy.tests() != Policy.TestSources.INCLUDE);
        boolean dropTests = policy.tests() == Policy.TestSources.EXCLUDE && contexts.isTestSource();
        for (RuleContext.Report report : dropTests ? List.<RuleContext.Report>of() : context.reports()) {
            var node = report.node();
            if (suppressions.isSuppressed(report.rule().id(), node)) {
                continue;
            }
            FixStatus fix = report.fixStatus();
            if (fix.available() && report.fix() != null && policy.deniesFix(report.fix().kind())) {
                fix = FixStatus.notOffered("the team policy withholds fixes of kind '" + report.fix().kind().id()
                        + "' (fixes.deny in " + Policy.FILE_NAME + ")");
            }
            if (fix.available() && protectingGlob.isPresent()) {
                fix = FixStatus.notOffered("the file is under the protected path '" + protectingGlob.get()
                        + "' of " + Policy.FILE_NAME);
            }
            Finding measured = measured(new Finding(report.rule().id(), file,
                    lines.range(node.getStartPosition(), node.getLength()), report.message(),
                    policy.severity(report.rule().id(), report.rule().severity()), report.confidence(),
                    report.rule().declaredImpact(), fix), node, policy);
            findings.add(inContext(measured, report, contexts, policy));
            reports.add(report);
        }
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> unresolved = new java.util.TreeSet<>();
        for (IProblem problem : unit.getProblems()) {
            if (UNRESOLVED_TYPE_PROBLEMS.contains(problem.getID()) && problem.getArguments().length > 0) {
                unresolved.add(problem.getArguments()[0]);
            }
            if (problem.isError() && isSyntaxProblem(problem)) {
                int start = Math.max(0, Math.min(problem.getSourceStart(), text.length()));
                int end = Math.max(start, Math.min(problem.getSourceEnd() + 1, text.length()));
                problems.add(new Problem(Problem.Kind.SYNTAX, lines.range(start, end - start), problem.getMessage()));
            }
        }
        for (RuleDispatcher.RuleFailure failure : dispatcher.failures()) {
            problems.add(new Problem(failure.kind(),
                    lines.range(failure.node().getStartPosition(), failure.node().getLength()), failure.message()));
        }
        List<Finding> identified = dev.perflens.engine.identity.FindingIdentity.assign(findings,
                reports.stream().map(RuleContext.Report::node).toList());
        return new UnitResult(new FileAnalysis(file, identified, problems, List.copyOf(unresolved)), reports);
    }

    /**
     * Adds the rule's measured speed-up to the finding. A rule whose fix the workspace's own
     * calibration (this machine and JDK, {@code perflens calibrate}) measured equivalent at every
     * size, or slower, is lowered to hint, unless the team policy sets its severity, and the
     * message says why. An undecided calibration (an interval merely wide) lowers nothing; nor
     * does the calibration shipped with Perflens, which was measured on another machine.
     */
    private Finding measured(Finding finding, org.eclipse.jdt.core.dom.ASTNode node, Policy policy) {
        Optional<Calibrations.RuleEntry> entry = calibrations.forRule(policy.root(), finding.ruleId());
        if (entry.isEmpty()) {
            return finding;
        }
        Estimate estimate = Estimator.estimate(entry.get(), SizeHints.loopBound(node));
        Severity severity = finding.severity();
        String message = finding.message();
        if (entry.get().rule().measuredNoGain() && entry.get().ownMachine() && !policy.setsSeverity(finding.ruleId())) {
            severity = Severity.HINT;
            message += " Lowered to hint: this machine's calibration measured "
                    + (entry.get().rule().verdict() == CalibrationData.Verdict.SLOWER ? "the fix slower"
                    : "no gain at any size") + " (" + estimate.source().replaceFirst("^calibration: ", "") + ").";
        }
        return new Finding(finding.ruleId(), finding.file(), finding.range(), message, severity,
                finding.confidence(), finding.impact().withEstimate(estimate), finding.fix());
    }

    /**
     * Sets the finding's severity by where its code runs (see {@link ExecutionContexts}): a
     * warning stays a warning only on a hot path; cold paths and test code drop to hint, a small
     * size bounded by the code and a once-per-call cost of a per-call rule to information; a
     * rule's own reason to be quieter caps it too. The message says which, and why. A severity
     * the team policy sets for the rule is kept as set.
     */
    private static Finding inContext(Finding finding, RuleContext.Report report, ExecutionContexts contexts,
                                     Policy policy) {
        ExecutionContext where = contexts.classify(report.node(), report.bound(), finding.severity());
        boolean perCallRule = report.rule().perCall();
        if (where.kind() == ExecutionContext.Kind.PER_CALL && !perCallRule) {
            where = null; // its cost grows with the data on every call: a loop is not what makes it matter
        }
        Severity severity = finding.severity();
        StringBuilder message = new StringBuilder(finding.message());
        boolean fixed = policy.setsSeverity(finding.ruleId());
        if (where != null) {
            Severity cap = where.cap(perCallRule);
            if (!fixed && cap != null && severity.atLeast(cap) && severity != cap) {
                severity = cap;
            }
            message.append(' ').append(where.sentence());
        }
        RuleContext.Quieter quieter = report.quieter();
        if (quieter != null) {
            if (!fixed && severity.atLeast(quieter.severity())) {
                severity = quieter.severity();
            }
            message.append(' ').append(Character.toUpperCase(quieter.reason().charAt(0)))
                    .append(quieter.reason().substring(1)).append('.');
        }
        return new Finding(finding.ruleId(), finding.file(), finding.range(), message.toString(), severity,
                finding.confidence(), finding.impact(), finding.fix(), where, finding.identity());
    }

    /** Problems that mean a type is missing from the classpath (not a typo in a local name). */
    private static final java.util.Set<Integer> UNRESOLVED_TYPE_PROBLEMS = java.util.Set.of(
            IProblem.UndefinedType, IProblem.ImportNotFound, IProblem.IsClassPathCorrect);

    private static boolean isSyntaxProblem(IProblem problem) {
        return (problem.getID() & IProblem.Syntax) != 0;
    }

    private static NullProgressMonitor monitor(Cancellation cancellation) {
        return new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return cancellation.isCanceled();
            }
        };
    }

    private static String read(Path file) {
        try {
            // Lenient decoding (malformed bytes become U+FFFD), as JDT decodes the same file.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
