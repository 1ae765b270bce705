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
     * @param error    why the classpath is missing or partial, or null
     * @param missing  the dependencies that were not found, by name
     * @param notes    what was not run and why
     */
    public record Resolved(List<Path> entries, Optional<String> summary, String error, List<String> missing,
                           List<String> notes) {
        public static final Resolved NOT_MAVEN = new Resolved(List.of(), Optional.empty(), null);

        public Resolved {
            entries = List.copyOf(entries);
            missing = List.copyOf(missing);
            notes = List.copyOf(notes);
        }

        public Resolved(List<Path> entries, Optional<String> summary, String error) {
            this(entries, summary, error, List.of(), List.of());
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

    /** The dependencies of the Maven project at {@code root}, with the wrapper allowed (a trusted folder). */
    public static Resolved resolveMaven(Path root, Consumer<String> progress) {
        return resolveMaven(root, progress, BuildToolPolicy.WRAPPER);
    }

    /** The dependencies of the Maven project at {@code root} (cached, by running what the policy allows, or from the local repository); none for other folders. */
    public static Resolved resolveMaven(Path root, Consumer<String> progress, BuildToolPolicy policy) {
        if (!MavenProject.isMaven(root)) {
            return Resolved.NOT_MAVEN;
        }
        MavenProject project = MavenProject.read(root);
        MavenClasspath.Result result = MavenClasspath.resolve(project, MavenClasspath.DEFAULT_TIMEOUT, progress, policy);
        String notes = result.notes().isEmpty() ? "" : " (" + String.join("; ", result.notes()) + ")";
        if (!result.resolved()) {
            return new Resolved(List.of(), Optional.of("the Maven classpath could not be resolved, analysing without it"
                    + " (rules stay silent on types from dependencies): " + result.error() + notes), result.error(),
                    result.missing(), result.notes());
        }
        String source = switch (result.how()) {
            case "cache" -> "the cache " + MavenClasspath.cacheFile(project);
            case MavenClasspath.NO_DEPENDENCIES -> result.how();
            case MavenClasspath.LOCAL_REPOSITORY -> "the declared coordinates in the local repository "
                    + LocalRepositoryClasspath.defaultRepository() + ", nothing run";
            default -> result.how() + " " + MavenClasspath.DEPENDENCY_PLUGIN + ":build-classpath";
        };
        String line = "classpath: " + result.entries().size() + " entries from " + source + notes
                + (result.error() == null ? "" : "; partial: " + result.error());
        return new Resolved(result.entries(), Optional.of(line), result.error(), result.missing(), result.notes());
    }

    /**
     * The dependencies of the folder's build: Maven's for a pom.xml ({@link #resolveMaven}), the
     * declared coordinates of a Gradle build found in the local repositories ({@link GradleClasspath};
     * Gradle itself never runs), none for other folders.
     */
    public static Resolved resolve(Path root, Consumer<String> progress, BuildToolPolicy policy) {
        if (MavenProject.isMaven(root) || !GradleBuild.isGradle(root)) {
            return resolveMaven(root, progress, policy);
        }
        long start = System.nanoTime();
        GradleBuild build = GradleBuild.read(root);
        GradleClasspath.Result result = GradleClasspath.resolve(build);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String line = "classpath: " + result.entries().size() + " entries for " + result.declared()
                + " declared dependencies of the Gradle build " + build.name() + " ("
                + build.projects().size() + (build.projects().size() == 1 ? " project" : " projects") + "), from "
                + (result.cached() ? "the cache " + GradleClasspath.cacheFile(build)
                : "the local repository " + LocalRepositoryClasspath.defaultRepository() + " and the Gradle cache "
                + LocalRepositoryClasspath.defaultGradleCache()) + ", Gradle not run, " + millis + " ms"
                + (result.missing().isEmpty() ? "" : "; partial: " + result.missing().size() + " not found or not read: "
                + String.join(", ", result.missing()));
        return new Resolved(result.entries(), Optional.of(line),
                result.missing().isEmpty() ? null : result.missing().size() + " not found or not read: "
                        + String.join(", ", result.missing()), result.missing(), List.of());
    }

    /** A classpath as one string, for messages. */
    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
