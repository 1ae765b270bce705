package dev.perflens.engine.workspace;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where a folder's classpath comes from: entries the user gives (the {@code --classpath} option,
 * the {@code perflens.classpath} setting, the {@code classpath} key of {@code .perflens.json}) and
 * a Maven project's resolved dependencies ({@link MavenClasspath}).
 */
public final class WorkspaceClasspath {
    private WorkspaceClasspath() {
    }

    /**
     * A Maven resolution's entries and a line that says what happened, for a log or stderr.
     *
     * @param error why the classpath is missing or partial, or null
     */
    public record Resolved(List<Path> entries, Optional<String> summary, String error) {
        public static final Resolved NOT_MAVEN = new Resolved(List.of(), Optional.empty(), null);

        public Resolved {
            entries = List.copyOf(entries);
        }
    }

    /** A classpath string's entries ({@code :} on Unix, {@code ;} on Windows). */
    public static List<Path> split(String classpath) {
        return MavenClasspath.split(classpath);
    }

    /**
     * The entries of a setting, relative to {@code root}: a jar, a class folder, or "folder/*" for
     * every jar in a folder. Missing entries are listed in {@code missing}.
     */
    public static List<Path> entries(Path root, List<String> entries, List<String> missing) {
        List<Path> resolved = new ArrayList<>();
        for (String entry : entries) {
            boolean allJars = entry.endsWith("*");
            Path path = (root == null ? Path.of("") : root).resolve(allJars ? entry.substring(0, entry.length() - 1) : entry)
                    .normalize();
            if (allJars && Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(resolved::add);
                } catch (IOException e) {
                    missing.add(entry);
                }
            } else if (Files.exists(path)) {
                resolved.add(path);
            } else {
                missing.add(entry);
            }
        }
        return resolved;
    }

    /** The dependencies of the Maven project at {@code root} (cached, or by running Maven); none for other folders. */
    public static Resolved resolveMaven(Path root, Consumer<String> progress) {
        if (!MavenProject.isMaven(root)) {
            return Resolved.NOT_MAVEN;
        }
        MavenProject project = MavenProject.read(root);
        MavenClasspath.Result result = MavenClasspath.resolve(project, MavenClasspath.DEFAULT_TIMEOUT, progress);
        if (!result.resolved()) {
            return new Resolved(List.of(), Optional.of("the Maven classpath could not be resolved, analysing without it"
                    + " (rules stay silent on types from dependencies): " + result.error()), result.error());
        }
        String line = "classpath: " + result.entries().size() + " entries from "
                + (result.how().equals("cache") ? root.relativize(MavenClasspath.cacheFile(project))
                        : result.how().equals(MavenClasspath.NO_DEPENDENCIES) ? result.how()
                        : result.how() + " " + MavenClasspath.DEPENDENCY_PLUGIN + ":build-classpath")
                + (result.error() == null ? "" : " (partial: " + result.error() + ")");
        return new Resolved(result.entries(), Optional.of(line), result.error());
    }

    /** A classpath as one string, for messages. */
    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
