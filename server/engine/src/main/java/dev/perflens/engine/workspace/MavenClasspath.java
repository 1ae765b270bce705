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
 * Resolves a Maven project's dependency classpath. What may run is a {@link BuildToolPolicy}: the
 * folder's own {@code ./mvnw} only when the folder is trusted, the installed {@code mvn} when the
 * caller allows it, else nothing. Maven runs {@code dependency:build-classpath} (offline first,
 * online when offline fails) and prints each module's classpath, which is read from its output,
 * so nothing is written into the project. When Maven may not run, is missing or fails, the
 * declared coordinates are looked up in the local repository ({@link LocalRepositoryClasspath}),
 * and what is not there is named. Maven's answer is cached in the user's cache folder
 * ({@link UserCache}), keyed by the folder and the sha256 of every pom, so it runs again only when
 * a pom changes.
 */
public final class MavenClasspath {
    /** Pinned, so the same plugin resolves offline on every machine; the parent pom pulls the same version. */
    public static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** How a project whose poms declare no dependency and no parent is "resolved": without running Maven. */
    public static final String NO_DEPENDENCIES = "pom.xml (no dependencies declared)";
    /** How a classpath read from the local repository without running anything is "resolved". */
    public static final String LOCAL_REPOSITORY = "the local repository";
    private static final String CLASSPATH_MARKER = "Dependencies classpath:";

    /**
     * @param entries the jars and folders, empty when nothing resolved
     * @param how     "cache", the command that ran ("/usr/bin/mvn -o"), {@link #LOCAL_REPOSITORY} or
     *                {@link #NO_DEPENDENCIES}, or null when nothing was found at all
     * @param error   why it failed or is partial (Maven's first error line), or null
     * @param missing the dependencies that were not found, by name (from the local repository lookup)
     * @param notes   what was not run and why (the wrapper of an untrusted folder)
     */
    public record Result(List<Path> entries, String how, String error, List<String> missing, List<String> notes) {
        public Result {
            entries = List.copyOf(entries);
            missing = List.copyOf(missing);
            notes = List.copyOf(notes);
        }

        Result(List<Path> entries, String how, String error) {
            this(entries, how, error, List.of(), List.of());
        }

        public boolean resolved() {
            return how != null;
        }
    }

    private MavenClasspath() {
    }

    /** The cache file for the poms as they are now (in the user's cache folder, never in the project). */
    public static Path cacheFile(MavenProject project) {
        return UserCache.forFolder(project.root()).resolve("classpath-" + pomHash(project) + ".txt");
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

    /** Whether {@link #resolve} would start a process for this project under this policy. */
    public static boolean wouldRun(MavenProject project, BuildToolPolicy policy) {
        return policy != BuildToolPolicy.NONE && project.declaresDependencies() && cached(project).isEmpty()
                && mavenCommand(project.root(), policy).isPresent();
    }

    /** Resolves with the wrapper allowed (a trusted folder). */
    public static Result resolve(MavenProject project, Duration timeout, Consumer<String> progress) {
        return resolve(project, timeout, progress, BuildToolPolicy.WRAPPER);
    }

    /** The cached classpath, or Maven's answer (offline, then online) as the policy allows, else the local repository's. */
    public static Result resolve(MavenProject project, Duration timeout, Consumer<String> progress, BuildToolPolicy policy) {
        if (!project.declaresDependencies()) {
            return new Result(List.of(), NO_DEPENDENCIES, null);
        }
        Optional<List<Path>> cached = cached(project);
        if (cached.isPresent()) {
            return new Result(cached.get(), "cache", null);
        }
        List<String> notes = new ArrayList<>();
        Path wrapper = project.root().resolve("mvnw");
        if (policy != BuildToolPolicy.WRAPPER && Files.exists(wrapper)) {
            notes.add("./mvnw not run (it is the project's own script and the folder is not trusted)");
        }
        if (policy == BuildToolPolicy.NONE) {
            notes.add("Maven not run (the folder is not trusted)");
            return fromLocalRepository(project, null, notes);
        }
        Optional<List<String>> maven = mavenCommand(project.root(), policy);
        if (maven.isEmpty()) {
            return fromLocalRepository(project, policy == BuildToolPolicy.WRAPPER
                    ? "Maven was not found: no ./mvnw in " + project.root() + " and no mvn on the PATH"
                    : "Maven was not found: no mvn on the PATH", notes);
        }
        String name = maven.get().get(0);
        progress.accept("resolving the classpath with " + name + " -o (offline)");
        Attempt offline = run(project, maven.get(), true, timeout);
        Attempt used = offline;
        if (!offline.succeeded()) {
            progress.accept("offline resolution failed; resolving with " + name + " (online)");
            used = run(project, maven.get(), false, timeout);
        }
        if (!used.succeeded()) {
            return fromLocalRepository(project, used.error(), notes);
        }
        writeCache(project, used.entries());
        return new Result(used.entries(), used == offline ? name + " -o" : name, null, List.of(), notes);
    }

    /** The declared coordinates looked up in the local repository; {@code error} is why Maven's answer is not used. */
    private static Result fromLocalRepository(MavenProject project, String error, List<String> notes) {
        LocalRepositoryClasspath.Result local = new LocalRepositoryClasspath(LocalRepositoryClasspath.defaultRepository())
                .resolve(project);
        String partial = local.missing().isEmpty() ? error
                : (error == null ? "" : error + "; ") + local.missing().size() + " not found: "
                + String.join(", ", local.missing());
        if (local.entries().isEmpty() && !local.missing().isEmpty()) {
            return new Result(List.of(), null, partial, local.missing(), notes);
        }
        return new Result(local.entries(), LOCAL_REPOSITORY, partial, local.missing(), notes);
    }

    private record Attempt(boolean succeeded, List<Path> entries, String error) {
    }

    private static Attempt run(MavenProject project, List<String> maven, boolean offline, Duration timeout) {
        List<String> command = new ArrayList<>(maven);
        command.addAll(List.of("-B", "-ntp", "-fae", "-Dstyle.color=never"));
        if (offline) {
            command.add("-o");
        }
        command.add(DEPENDENCY_PLUGIN + ":build-classpath");
        Path log;
        try {
            log = Files.createTempFile("perflens-mvn", ".log");
        } catch (IOException e) {
            return new Attempt(false, List.of(), "cannot create a temporary file: " + e.getMessage());
        }
        try {
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
                return new Attempt(false, classpathsIn(log), String.join(" ", command)
                        + " took longer than " + timeout.toSeconds() + " s");
            }
            List<Path> entries = classpathsIn(log);
            if (process.exitValue() != 0) {
                return new Attempt(false, entries, String.join(" ", command) + " failed (exit "
                        + process.exitValue() + "): " + tail(log));
            }
            return new Attempt(true, entries, null);
        } catch (IOException e) {
            return new Attempt(false, List.of(), "cannot run " + command.get(0) + ": " + e.getMessage());
        } finally {
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

    /** Every module's classpath as build-classpath prints it: the line after "Dependencies classpath:". */
    static List<Path> classpathsIn(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Set<Path> entries = new LinkedHashSet<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).replaceAll("\u001B\\[[0-9;]*m", "").strip().endsWith(CLASSPATH_MARKER)) {
                String next = lines.get(i + 1);
                if (!next.startsWith("[")) {
                    entries.addAll(split(next));
                }
            }
        }
        return new ArrayList<>(entries);
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

    /** {@code ./mvnw} when the policy allows it and the project has an executable one, else {@code mvn} from the PATH. */
    static Optional<List<String>> mavenCommand(Path root, BuildToolPolicy policy) {
        if (policy == BuildToolPolicy.NONE) {
            return Optional.empty();
        }
        Path wrapper = root.resolve("mvnw");
        if (policy == BuildToolPolicy.WRAPPER && Files.isExecutable(wrapper)) {
            return Optional.of(List.of(wrapper.toString()));
        }
        return onPath("mvn").map(mvn -> List.of(mvn.toString()));
    }

    /** An executable of that name in a folder of the PATH. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (folder.isEmpty() || !Path.of(folder).isAbsolute()) {
                    continue; // an empty or relative entry names the current folder: never a program of the project
                }
                Path candidate = Path.of(folder).resolve(name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
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
