package dev.perflens.engine.workspace;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Resolves a Maven project's dependency classpath by running the user's own Maven
 * ({@code ./mvnw} when the project has one, else {@code mvn} on the PATH) with
 * {@code dependency:build-classpath}: offline first, online when offline fails. The result is
 * cached in {@code <root>/.perflens/cache/classpath-<sha256 of every pom>.txt}, so it is resolved
 * again only when a pom changes.
 */
public final class MavenClasspath {
    /** Pinned, so the same plugin resolves offline on every machine; the parent pom pulls the same version. */
    public static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    /** Where each module writes its classpath (Maven resolves the relative path against the module). */
    public static final String MODULE_OUTPUT = "target/perflens-classpath.txt";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** How a project whose poms declare no dependency and no parent is "resolved": without running Maven. */
    public static final String NO_DEPENDENCIES = "pom.xml (no dependencies declared)";

    /**
     * @param entries the jars and folders, empty when nothing resolved
     * @param how     "cache", "mvn -o", "mvn" or {@link #NO_DEPENDENCIES} (how it was resolved), or null when it failed
     * @param error   why it failed or is partial (the end of Maven's output), or null
     */
    public record Result(List<Path> entries, String how, String error) {
        public Result {
            entries = List.copyOf(entries);
        }

        public boolean resolved() {
            return how != null;
        }
    }

    private MavenClasspath() {
    }

    /** The cache file for the poms as they are now. */
    public static Path cacheFile(MavenProject project) {
        return project.root().resolve(".perflens").resolve("cache").resolve("classpath-" + pomHash(project) + ".txt");
    }

    /** The cached classpath for the poms as they are now, if it was resolved before. */
    public static Optional<List<Path>> cached(MavenProject project) {
        Path file = cacheFile(project);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(split(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The cached classpath, or Maven's answer (offline, then online), written to the cache. */
    public static Result resolve(MavenProject project, Duration timeout, Consumer<String> progress) {
        if (!project.declaresDependencies()) {
            return new Result(List.of(), NO_DEPENDENCIES, null);
        }
        Optional<List<Path>> cached = cached(project);
        if (cached.isPresent()) {
            return new Result(cached.get(), "cache", null);
        }
        Optional<List<String>> maven = mavenCommand(project.root());
        if (maven.isEmpty()) {
            return new Result(List.of(), null, "Maven was not found: no ./mvnw in " + project.root()
                    + " and no mvn on the PATH");
        }
        progress.accept("resolving the classpath with mvn -o (offline)");
        Attempt offline = run(project, maven.get(), true, timeout);
        Attempt used = offline;
        if (!offline.succeeded()) {
            progress.accept("offline resolution failed; resolving with mvn (online)");
            used = run(project, maven.get(), false, timeout);
        }
        if (!used.succeeded() && used.entries().isEmpty()) {
            return new Result(List.of(), null, used.error());
        }
        if (used.succeeded()) {
            writeCache(project, used.entries());
        }
        return new Result(used.entries(), used == offline ? "mvn -o" : "mvn", used.succeeded() ? null : used.error());
    }

    private record Attempt(boolean succeeded, List<Path> entries, String error) {
    }

    private static Attempt run(MavenProject project, List<String> maven, boolean offline, Duration timeout) {
        List<String> command = new ArrayList<>(maven);
        command.addAll(List.of("-B", "-q", "-fae", "-Dstyle.color=never"));
        if (offline) {
            command.add("-o");
        }
        command.add(DEPENDENCY_PLUGIN + ":build-classpath");
        command.add("-Dmdep.outputFile=" + MODULE_OUTPUT);
        command.add("-Dmdep.regenerateFile=true");
        Path log;
        try {
            log = Files.createTempFile("perflens-mvn", ".log");
        } catch (IOException e) {
            return new Attempt(false, List.of(), "cannot create a temporary file: " + e.getMessage());
        }
        try {
            deleteModuleOutputs(project);
            Process process = new ProcessBuilder(command).directory(project.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return new Attempt(false, List.of(), "interrupted");
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Attempt(false, collectModuleOutputs(project), String.join(" ", command)
                        + " took longer than " + timeout.toSeconds() + " s");
            }
            List<Path> entries = collectModuleOutputs(project);
            if (process.exitValue() != 0) {
                return new Attempt(false, entries, String.join(" ", command) + " failed (exit "
                        + process.exitValue() + "): " + tail(log));
            }
            return new Attempt(true, entries, null);
        } catch (IOException e) {
            return new Attempt(false, List.of(), "cannot run " + command.get(0) + ": " + e.getMessage());
        } finally {
            deleteModuleOutputs(project);
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** The first line of Maven's output that says what went wrong (its later ERROR lines are links to help pages). */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String reason = lines.stream().map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "").strip())
                .filter(line -> line.startsWith("[ERROR]") && line.length() > "[ERROR] ".length() + 10)
                .findFirst().orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip());
        return reason.length() > 600 ? reason.substring(0, 600) + "..." : reason;
    }

    private static List<Path> collectModuleOutputs(MavenProject project) throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (Path pom : project.poms()) {
            Path output = pom.getParent().resolve(MODULE_OUTPUT);
            if (Files.isRegularFile(output)) {
                entries.addAll(split(Files.readString(output, StandardCharsets.UTF_8)));
            }
        }
        return new ArrayList<>(entries);
    }

    private static void deleteModuleOutputs(MavenProject project) {
        for (Path pom : project.poms()) {
            try {
                Files.deleteIfExists(pom.getParent().resolve(MODULE_OUTPUT));
            } catch (IOException e) {
                // stale output is overwritten by the next run (regenerateFile)
            }
        }
    }

    static List<Path> split(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()));
            }
        }
        return entries;
    }

    private static void writeCache(MavenProject project, List<Path> entries) {
        Path file = cacheFile(project);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "classpath", ".tmp");
            try {
                Files.writeString(temporary, String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()),
                        StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // an unwritable cache costs a resolution next time, nothing else
        }
    }

    /** {@code ./mvnw} when the project has an executable one, else {@code mvn} from the PATH. */
    static Optional<List<String>> mavenCommand(Path root) {
        Path wrapper = root.resolve("mvnw");
        if (Files.isExecutable(wrapper)) {
            return Optional.of(List.of(wrapper.toString()));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                Path mvn = Path.of(folder).resolve("mvn");
                if (Files.isExecutable(mvn)) {
                    return Optional.of(List.of(mvn.toString()));
                }
            }
        }
        return Optional.empty();
    }

    /** SHA-256 over every pom's path (relative to the root) and content. */
    static String pomHash(MavenProject project) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path pom : project.poms()) {
                digest.update(project.root().relativize(pom).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(pom));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + e.getMessage(), e);
        }
    }
}
