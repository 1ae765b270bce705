package dev.perflens.bench;

import dev.perflens.bench.behaviour.Behaviour;
import dev.perflens.bench.behaviour.OutputCheck;
import dev.perflens.bench.harness.HarnessGenerator;
import dev.perflens.bench.harness.MethodLocator;
import dev.perflens.bench.harness.MethodUnderTest;
import dev.perflens.bench.result.JmhResults;
import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.Statistics;
import dev.perflens.bench.result.VariantResult;
import dev.perflens.bench.result.Verdict;
import dev.perflens.bench.runtime.Inputs;
import dev.perflens.bench.sandbox.Classpaths;
import dev.perflens.bench.sandbox.ForkedJvm;
import dev.perflens.bench.sandbox.ProbeRun;
import dev.perflens.bench.sandbox.Sandbox;
import dev.perflens.bench.sandbox.SandboxCompiler;
import dev.perflens.bench.sandbox.Toolchain;
import dev.perflens.engine.Cancellation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs one benchmark from source to report: finds the method, prepares a sandbox (copies of the
 * sources with the original and the fixed file), generates and compiles the JMH harness, probes
 * the sizes, runs the forks alternating the variants, and turns JMH's JSON into a report.
 *
 * <p>Every fork is its own JVM running JMH in-process ({@code -f 0}) on one variant's classes:
 * the two variants define the same class names, so they cannot share a JVM, and one JVM per fork
 * lets the forks alternate (A B, B A, A B, ...) so drift on a busy machine hits both alike. All
 * sizes of a fork run in the same JVM, smallest first, which saves a JVM start per size.
 */
public final class BenchmarkRunner {
    public static final String ORIGINAL = "original";
    public static final String FIXED = "fixed";

    private final Toolchain toolchain;

    public BenchmarkRunner() {
        this(Toolchain.locate());
    }

    public BenchmarkRunner(Toolchain toolchain) {
        this.toolchain = toolchain;
    }

    private record Variant(String name, List<Path> classpath) {
    }

    public BenchmarkReport run(BenchmarkJob job, BenchSettings settings, BenchmarkListener listener,
                               Cancellation cancellation) throws BenchmarkException {
        long started = System.nanoTime();
        long deadline = started + settings.timeoutSeconds() * 1_000_000_000L;
        Double load = loadAverage();
        Progress progress = new Progress(listener);
        progress.at("locating the method", 1);
        MethodUnderTest method = MethodLocator.at(job.originalText(), job.offset());
        if (job.withFix()) {
            MethodLocator.bySignature(job.fixedText(), method.signature());
        }
        List<String> notes = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.create()) {
            progress.at("preparing the sandbox", 2);
            List<Path> roots = sandbox.copySourceRoots(job.sourceRoots());
            List<Path> resources = sandbox.copyResources(job.sourceRoots());
            Path relative = relativeSource(job, method);
            int rootIndex = rootIndex(job);
            Path originalRoot = rootIndex >= 0 ? roots.get(rootIndex) : sandbox.dir("src/extra");
            if (rootIndex < 0) {
                roots = new ArrayList<>(roots);
                roots.add(originalRoot);
            }
            Path originalFile = sandbox.write(originalRoot.resolve(relative.toString()),
                    MethodLocator.widenAccess(job.originalText(), method));
            HarnessGenerator.Harness harness = HarnessGenerator.generate(method, settings.sizes());
            Path harnessFile = sandbox.write(sandbox.dir("harness").resolve(harness.relativePath()), harness.source());
            List<Path> sources = new ArrayList<>(List.of(originalFile, harnessFile));
            sources.addAll(Sandbox.find(roots, Inputs.PROVIDER_CLASS + ".java"));
            List<String> missing = new ArrayList<>();
            // the workspace's resolved classpath first (what analysis resolved), then benchmark.classpath's additions
            List<Path> projectClasspath = new ArrayList<>(job.classpath());
            projectClasspath.addAll(Classpaths.resolve(job.projectRoot(), settings.classpath(), missing));
            missing.forEach(entry -> notes.add("class path entry '" + entry + "' (benchmark.classpath) does not exist;"
                    + " ignored"));
            projectClasspath.addAll(resources);
            List<Path> compileClasspath = new ArrayList<>(projectClasspath);
            compileClasspath.addAll(toolchain.benchmarkClasspath());

            cancellation.checkCanceled();
            progress.at("compiling the original", 5);
            Path originalClasses = sandbox.dir("classes/original");
            SandboxCompiler.compile(sources, roots, compileClasspath, toolchain.processorPath(), originalClasses,
                    sandbox.dir("generated"), "the original");
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant(ORIGINAL, prepend(originalClasses, compileClasspath)));
            if (job.withFix()) {
                cancellation.checkCanceled();
                progress.at("compiling the fixed variant", 14);
                Path fixedFile = sandbox.write(sandbox.dir("fixed-src").resolve(relative.toString()),
                        MethodLocator.widenAccess(job.fixedText(), MethodLocator.bySignature(job.fixedText(),
                                method.signature())));
                Path fixedClasses = sandbox.dir("classes/fixed");
                SandboxCompiler.compile(List.of(fixedFile), List.of(), prepend(originalClasses, compileClasspath), null,
                        fixedClasses, null, "the fixed variant");
                // The fixed file's classes shadow the original's; everything else (harness included) is shared.
                variants.add(new Variant(FIXED, prepend(fixedClasses, prepend(originalClasses, compileClasspath))));
            }

            Path work = sandbox.dir("run");
            progress.at("probing sizes", 20);
            List<Integer> sizes = probe(variants, harness, settings, work, deadline, cancellation, listener, method,
                    notes, progress);

            Behaviour behaviour = null;
            if (job.withFix()) {
                progress.at("comparing behaviour", 26);
                behaviour = behaviour(variants, harness, settings, sizes, work, deadline, cancellation, listener);
                if (behaviour.verdict() == Behaviour.Verdict.CHANGED) {
                    // A fix that changes behaviour is not timed: its speed would be a claim about different code.
                    progress.at("analysing", 98);
                    return rejected(job, method, settings, behaviour, notes, load,
                            (System.nanoTime() - started) / 1_000_000);
                }
            }

            int forks = settings.forks() * variants.size();
            Map<String, Map<Integer, List<JmhResults.Run>>> runs = new LinkedHashMap<>();
            int fork = 0;
            for (int round = 0; round < settings.forks(); round++) {
                List<Variant> order = new ArrayList<>(variants);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order); // A B, B A, A B ...: each variant goes first equally often
                }
                for (Variant variant : order) {
                    cancellation.checkCanceled();
                    progress.at("fork " + (fork + 1) + "/" + forks + ": " + variant.name(), 30 + 67 * fork / forks);
                    Path json = work.resolve("fork-" + (fork + 1) + "-" + variant.name() + ".json");
                    runFork(variant, harness, sizes, settings, work, json, fork + 1, deadline, cancellation, listener);
                    try {
                        for (JmhResults.Run run : JmhResults.read(json)) {
                            int size = Integer.parseInt(run.params().get("size"));
                            runs.computeIfAbsent(variant.name(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(size, k -> new ArrayList<>()).add(run);
                        }
                    } catch (IOException | RuntimeException e) {
                        throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED,
                                "cannot read JMH's result of fork " + (fork + 1) + ": " + e.getMessage(), e);
                    }
                    fork++;
                }
            }
            progress.at("analysing", 98);
            return report(job, method, settings, sizes, runs, notes, behaviour, load,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private List<Integer> probe(List<Variant> variants, HarnessGenerator.Harness harness, BenchSettings settings,
                                Path work, long deadline, Cancellation cancellation, BenchmarkListener listener,
                                MethodUnderTest method, List<String> notes, Progress progress) throws BenchmarkException {
        long capNanos = settings.maxCallMillis() * 1_000_000L;
        long hardLimit = Math.max(2_000, 20L * settings.maxCallMillis());
        List<Integer> sizes = settings.sizes();
        Map<String, ProbeRun.Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            progress.at("probing sizes: " + variant.name(), 20 + 5 * i);
            Path resultFile = work.resolve("probe-" + variant.name() + ".txt");
            List<String> command = ProbeRun.command(ForkedJvm.javaExecutable(), variant.classpath(), settings.maxHeapMb(),
                    harness.qualifiedName(), resultFile, capNanos, hardLimit, i == 0, sizes, work);
            ForkedJvm.Exit exit = ForkedJvm.run(command, work, "probe-" + variant.name(), deadline, cancellation,
                    listener::processStarted, timeoutMessage(settings));
            ProbeRun.Outcome outcome = ProbeRun.read(resultFile, exit, "the " + variant.name() + " code",
                    capNanos, method.packageName());
            outcomes.put(variant.name(), outcome);
            notes.addAll(outcome.notes());
            sizes = outcome.fitting();
            if (sizes.isEmpty()) {
                throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "no size can be measured: one call"
                        + " of the " + variant.name() + " code takes longer than benchmark.maxCallMillis ("
                        + settings.maxCallMillis() + " ms) even at n=" + settings.sizes().get(0)
                        + ". Raise maxCallMillis or give smaller sizes.");
            }
        }
        ProbeRun.Outcome original = outcomes.get(ORIGINAL);
        for (int size : sizes) {
            if ("changed".equals(original.arguments().get(size))) {
                notes.add("n=" + size + ": the method changes its arguments, so later calls in a benchmark see"
                        + " changed inputs; supply fresh inputs with a provider if that matters");
            }
        }
        return sizes;
    }

    /**
     * Both variants on the same inputs (edge cases, then {@link dev.perflens.bench.runtime.BehaviourProbe#PER_SIZE}
     * per measured size), compared input by input; the project's tests join in {@link Behaviour#of}.
     */
    private Behaviour behaviour(List<Variant> variants, HarnessGenerator.Harness harness, BenchSettings settings,
                                List<Integer> sizes, Path work, long deadline, Cancellation cancellation,
                                BenchmarkListener listener) throws BenchmarkException {
        long hardLimit = Math.max(2_000, 20L * settings.maxCallMillis());
        Map<String, Map<String, OutputCheck.Call>> calls = new LinkedHashMap<>();
        for (Variant variant : variants) {
            cancellation.checkCanceled();
            Path resultFile = work.resolve("behaviour-" + variant.name() + ".txt");
            List<String> command = OutputCheck.command(ForkedJvm.javaExecutable(), variant.classpath(),
                    settings.maxHeapMb(), harness.qualifiedName(), resultFile, hardLimit, variant.name().equals(ORIGINAL),
                    sizes, work);
            ForkedJvm.Exit exit = ForkedJvm.run(command, work, "behaviour-" + variant.name(), deadline, cancellation,
                    listener::processStarted, timeoutMessage(settings));
            calls.put(variant.name(), OutputCheck.read(resultFile, exit, "the " + variant.name() + " code"));
        }
        Behaviour.Outputs outputs = OutputCheck.compare(calls.get(ORIGINAL), calls.get(FIXED));
        return Behaviour.of(Behaviour.Tests.none("no test of the project was run"), outputs);
    }

    private void runFork(Variant variant, HarnessGenerator.Harness harness, List<Integer> sizes, BenchSettings settings,
                         Path work, Path json, int number, long deadline, Cancellation cancellation,
                         BenchmarkListener listener) throws BenchmarkException {
        List<String> command = new ArrayList<>(List.of(ForkedJvm.javaExecutable().toString(),
                // A fixed heap size: no resizing during the measurement.
                "-Xms" + settings.maxHeapMb() + "m", "-Xmx" + settings.maxHeapMb() + "m", "-Djava.io.tmpdir=" + work,
                "-cp", Classpaths.join(variant.classpath()), "org.openjdk.jmh.Main",
                "^" + Pattern.quote(harness.benchmarkName()) + "$",
                "-f", "0", "-bm", "avgt", "-tu", "ns",
                "-wi", Integer.toString(settings.warmupIterations()), "-w", settings.warmupMillis() + "ms",
                "-i", Integer.toString(settings.measurementIterations()), "-r", settings.iterationMillis() + "ms",
                "-p", "size=" + sizes.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "-foe", "true", "-rf", "json", "-rff", json.toString()));
        if (settings.profileGc()) {
            command.addAll(List.of("-prof", "gc"));
        }
        ForkedJvm.Exit exit = ForkedJvm.run(command, work, "fork-" + number + "-" + variant.name(), deadline,
                cancellation, listener::processStarted, timeoutMessage(settings));
        if (exit.status() != 0 || !Files.exists(json)) {
            throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "JMH failed in fork " + number + " ("
                    + variant.name() + "), exit status " + exit.status() + ":\n" + exit.tail());
        }
    }

    private static String timeoutMessage(BenchSettings settings) {
        return "the benchmark ran longer than its wall-clock limit of " + settings.timeoutSeconds()
                + " s (benchmark.timeoutSeconds); its JVM was killed. Use fewer forks, iterations or sizes, or raise the limit.";
    }

    private static BenchmarkReport report(BenchmarkJob job, MethodUnderTest method, BenchSettings settings,
                                          List<Integer> sizes, Map<String, Map<Integer, List<JmhResults.Run>>> runs,
                                          List<String> notes, Behaviour behaviour, Double load, long wallMillis)
            throws BenchmarkException {
        List<SizeResult> rows = new ArrayList<>();
        JmhResults.Run any = null;
        for (int size : sizes) {
            List<JmhResults.Run> original = runs.getOrDefault(ORIGINAL, Map.of()).get(size);
            if (original == null || original.isEmpty()) {
                throw new BenchmarkException(BenchmarkException.Kind.RUN_FAILED, "JMH reported nothing for n=" + size);
            }
            any = original.get(0);
            List<JmhResults.Run> fixed = job.withFix() ? runs.getOrDefault(FIXED, Map.of()).get(size) : null;
            rows.add(SizeResult.of(size, merge(original), fixed == null ? null : merge(fixed)));
        }
        Verdict verdict;
        String summary;
        SizeResult largest = rows.get(rows.size() - 1);
        if (!job.withFix()) {
            verdict = Verdict.MEASURED;
            summary = "measured " + largest.describe();
        } else {
            verdict = largest.verdict();
            summary = verdict == Verdict.NO_SIGNIFICANT_DIFFERENCE || verdict == Verdict.EQUIVALENT ? largest.describe()
                    : "measured " + largest.describe();
            for (SizeResult row : rows) {
                if (row != largest && row.verdict() != verdict && row.verdict() != Verdict.NO_SIGNIFICANT_DIFFERENCE) {
                    notes.add(0, "at n=" + row.size() + " the fix is " + row.verdict().label() + ": " + row.describe());
                }
            }
        }
        BenchmarkReport.Environment environment = new BenchmarkReport.Environment(any.jdkVersion(), any.vmName(),
                any.vmVersion(), any.jmhVersion(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), load);
        String file = reportFile(job);
        return new BenchmarkReport(1, method.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new BenchmarkReport.Target(file, method.signature(), job.ruleId(), job.findingKey()),
                method.displayName(), job.fixTitle(), settings, environment, rows, verdict, summary, notes, behaviour,
                wallMillis);
    }

    /** The report of a fix that changes behaviour: verdict rejected, the reason first, no timing. */
    private static BenchmarkReport rejected(BenchmarkJob job, MethodUnderTest method, BenchSettings settings,
                                            Behaviour behaviour, List<String> notes, Double load, long wallMillis) {
        BenchmarkReport.Environment environment = new BenchmarkReport.Environment(System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), null,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), load);
        List<String> all = new ArrayList<>(notes);
        all.add("not timed: a fix that changes behaviour is rejected before it is measured");
        return new BenchmarkReport(1, method.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new BenchmarkReport.Target(reportFile(job), method.signature(), job.ruleId(), job.findingKey()),
                method.displayName(), job.fixTitle(), settings, environment, List.of(), Verdict.REJECTED,
                behaviour.reason(), all, behaviour, wallMillis);
    }

    private static String reportFile(BenchmarkJob job) {
        return job.projectRoot() != null && job.file().toAbsolutePath().normalize().startsWith(job.projectRoot())
                ? job.projectRoot().relativize(job.file().toAbsolutePath().normalize()).toString().replace('\\', '/')
                : job.file().toString();
    }

    /** One variant at one size over all its forks: the samples pooled, as JMH pools the forks of one run. */
    static VariantResult merge(List<JmhResults.Run> forks) {
        List<List<Double>> raw = new ArrayList<>();
        List<List<Double>> allocation = new ArrayList<>();
        for (JmhResults.Run run : forks) {
            raw.addAll(run.primary().rawData());
            if (run.allocation() != null) {
                allocation.addAll(run.allocation().rawData());
            }
        }
        Statistics.Summary time = Statistics.summarize(raw.stream().flatMap(List::stream).toList());
        Double allocBytes = null;
        Double allocError = null;
        if (!allocation.isEmpty()) {
            Statistics.Summary bytes = Statistics.summarize(allocation.stream().flatMap(List::stream).toList());
            allocBytes = bytes.mean();
            allocError = Double.isNaN(bytes.error()) ? null : bytes.error();
        }
        return new VariantResult(time.mean(), time.error(), forks.get(0).primary().unit(), time.n(), forks.size(),
                allocBytes, allocError, raw);
    }

    private Path relativeSource(BenchmarkJob job, MethodUnderTest method) {
        int index = rootIndex(job);
        if (index >= 0) {
            return job.sourceRoots().get(index).relativize(job.file().toAbsolutePath().normalize());
        }
        String pkg = method.packageName().replace('.', '/');
        return Path.of(pkg.isEmpty() ? "" : pkg).resolve(job.file().getFileName().toString());
    }

    private static int rootIndex(BenchmarkJob job) {
        Path file = job.file().toAbsolutePath().normalize();
        for (int i = 0; i < job.sourceRoots().size(); i++) {
            if (file.startsWith(job.sourceRoots().get(i).toAbsolutePath().normalize())) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> prepend(Path first, List<Path> rest) {
        List<Path> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? null : load;
    }

    /** Progress that never goes backwards. */
    private static final class Progress {
        private final BenchmarkListener listener;
        private int percent;

        Progress(BenchmarkListener listener) {
            this.listener = listener;
        }

        void at(String phase, int value) {
            percent = Math.max(percent, Math.min(100, value));
            listener.progress(phase, percent);
        }
    }
}
