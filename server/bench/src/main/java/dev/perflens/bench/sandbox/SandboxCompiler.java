package dev.perflens.bench.sandbox;

import dev.perflens.bench.BenchmarkException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sandbox sources with javax.tools: the JDK's javac, or the Eclipse batch compiler
 * (ecj, shipped with JDT) when the server runs on a JRE. Only the JMH annotation processor runs,
 * named explicitly: processors on the project's class path are not discovered, so compiling
 * executes no project code.
 */
public final class SandboxCompiler {
    private static final String JMH_PROCESSOR = "org.openjdk.jmh.generators.BenchmarkProcessor";

    private SandboxCompiler() {
    }

    /**
     * Compiles {@code sources} (and, on demand, whatever they use from {@code sourcePath}) into
     * {@code output}.
     *
     * @param processorPath the JMH processor's class path, or null to run no processor
     * @param what          names the variant in error messages ("the original", "the fixed variant")
     */
    public static void compile(List<Path> sources, List<Path> sourcePath, List<Path> classpath, List<Path> processorPath,
                               Path output, Path generatedSources, String what) throws BenchmarkException {
        JavaCompiler compiler = compiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-d", output.toString(), "-encoding", "UTF-8", "-nowarn", "-g"));
        if (isJavac(compiler)) {
            options.addAll(List.of("-implicit:class", "-Xlint:none")); // javac only: ecj rejects them
        } else {
            String release = Runtime.version().feature() + "";
            options.addAll(List.of("-source", release, "-target", release)); // ecj's default level is older
        }
        try {
            Files.createDirectories(output);
            if (generatedSources != null) {
                Files.createDirectories(generatedSources);
            }
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot create " + output + ": " + e.getMessage(), e);
        }
        if (!sourcePath.isEmpty()) {
            options.addAll(List.of("-sourcepath", join(sourcePath)));
        }
        options.addAll(List.of("-classpath", join(classpath)));
        if (processorPath == null) {
            options.add("-proc:none");
        } else {
            options.addAll(List.of("-processorpath", join(processorPath), "-processor", JMH_PROCESSOR));
            if (generatedSources != null) {
                options.addAll(List.of("-s", generatedSources.toString()));
            }
        }
        StringWriter compilerOutput = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(
                    sources.stream().map(Path::toFile).toList());
            ok = compiler.getTask(compilerOutput, files, diagnostics, options, null, units).call();
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkException(BenchmarkException.Kind.COMPILE, "compiling " + what + " failed: " + e, e);
        }
        if (!ok) {
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .limit(5)
                    .map(SandboxCompiler::describe)
                    .collect(Collectors.joining("\n"));
            if (errors.isEmpty()) {
                errors = compilerOutput.toString().strip();
            }
            throw new BenchmarkException(BenchmarkException.Kind.COMPILE, "the sandbox copy of " + what
                    + " does not compile (does the project need jars on the class path? set benchmark.classpath in"
                    + " .perflens.json):\n" + errors);
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String file = diagnostic.getSource() == null ? "" : Path.of(diagnostic.getSource().toUri()).getFileName() + ":"
                + diagnostic.getLineNumber() + ": ";
        return file + diagnostic.getMessage(Locale.ROOT);
    }

    private static boolean isJavac(JavaCompiler compiler) {
        return !compiler.getClass().getName().startsWith("org.eclipse.");
    }

    static JavaCompiler compiler() throws BenchmarkException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac != null) {
            return javac;
        }
        try {
            return (JavaCompiler) Class.forName("org.eclipse.jdt.internal.compiler.tool.EclipseCompiler")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BenchmarkException(BenchmarkException.Kind.COMPILE,
                    "no Java compiler: run the server on a JDK (not a JRE)", e);
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
