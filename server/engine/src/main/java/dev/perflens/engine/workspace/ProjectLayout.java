package dev.perflens.engine.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The source roots and Java files of a folder. Roots are the Maven/Gradle conventional
 * {@code src/main/java} and {@code src/test/java} of the folder and of any module below it, and
 * for a Maven project also the folders its poms declare ({@link MavenProject}), for a Gradle build
 * those its build files name with srcDir/srcDirs ({@link GradleBuild}); a folder with
 * neither that holds .java files directly is its own root.
 */
public record ProjectLayout(Path root, List<Path> sourceRoots) {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "build", "node_modules", "out", ".git");

    public ProjectLayout {
        sourceRoots = List.copyOf(sourceRoots);
    }

    public static ProjectLayout discover(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(root) && (SKIPPED_DIRECTORIES.contains(name) || name.startsWith("."))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (dir.endsWith(Path.of("src", "main", "java")) || dir.endsWith(Path.of("src", "test", "java"))) {
                        roots.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        if (MavenProject.isMaven(root)) {
            // the pom's declared folders (non-standard ones, generated sources) first, then conventional ones it lacks
            List<Path> declared = new ArrayList<>(MavenProject.read(root).sourceRoots());
            roots.stream().filter(r -> !declared.contains(r)).forEach(declared::add);
            roots.clear();
            roots.addAll(declared);
        }
        if (!MavenProject.isMaven(root) && GradleBuild.isGradle(root)) {
            // the build files' srcDir/srcDirs first, then the conventional folders they do not name
            List<Path> declared = new ArrayList<>(GradleClasspath.declaredSourceRoots(root));
            roots.stream().filter(r -> !declared.contains(r)).forEach(declared::add);
            roots.clear();
            roots.addAll(declared);
        }
        if (roots.isEmpty()) {
            roots.addAll(rootsFromPackageDeclarations(root));
        }
        return new ProjectLayout(root, roots);
    }

    private static final java.util.regex.Pattern PACKAGE =
            java.util.regex.Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", java.util.regex.Pattern.MULTILINE);

    /**
     * Without a conventional layout (an unpacked sources jar, a loose folder), each file's
     * package declaration says where its source root is: its folder minus the package path.
     */
    private static List<Path> rootsFromPackageDeclarations(Path folder) {
        java.util.Set<Path> roots = new java.util.TreeSet<>();
        for (Path file : walkJavaFiles(folder)) {
            String packageName = packageOf(file);
            Path directory = file.getParent();
            Path packagePath = packageName.isEmpty() ? null : Path.of(packageName.replace('.', '/'));
            if (packagePath == null) {
                roots.add(directory);
            } else if (directory.endsWith(packagePath)) {
                Path sourceRoot = directory;
                for (int i = 0; i < packagePath.getNameCount(); i++) {
                    sourceRoot = sourceRoot.getParent();
                }
                roots.add(sourceRoot);
            } else {
                roots.add(directory); // package and folder disagree: the file still gets analysed
            }
        }
        return new ArrayList<>(roots);
    }

    private static String packageOf(Path file) {
        try (var reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            char[] head = new char[16_384];
            int read = reader.read(head);
            java.util.regex.Matcher matcher = PACKAGE.matcher(read <= 0 ? "" : new String(head, 0, read));
            return matcher.find() ? matcher.group(1) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<Path> walkJavaFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(folder) && (SKIPPED_DIRECTORIES.contains(name) || name.startsWith("."))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.toString().endsWith(".java")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Every .java file below the source roots, once each, sorted for deterministic output. */
    public List<Path> javaFiles() {
        java.util.Set<Path> files = new java.util.TreeSet<>();
        for (Path sourceRoot : sourceRoots) {
            files.addAll(walkJavaFiles(sourceRoot));
        }
        return new ArrayList<>(files);
    }

    /** The source root that contains {@code file}, if any. */
    public java.util.Optional<Path> sourceRootOf(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        return sourceRoots.stream().filter(normalized::startsWith).findFirst();
    }
}
