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
import java.util.stream.Stream;

/**
 * The source roots and Java files of a folder. Roots are the Maven/Gradle conventional
 * {@code src/main/java} and {@code src/test/java} of the folder and of any module below it;
 * a folder with neither that holds .java files directly is its own root.
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
        if (roots.isEmpty() && holdsJavaFilesDirectly(root)) {
            roots.add(root);
        }
        return new ProjectLayout(root, roots);
    }

    private static boolean holdsJavaFilesDirectly(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> p.toString().endsWith(".java") && Files.isRegularFile(p));
        } catch (IOException e) {
            return false;
        }
    }

    /** Every .java file below the source roots, sorted for deterministic output. */
    public List<Path> javaFiles() {
        List<Path> files = new ArrayList<>();
        for (Path sourceRoot : sourceRoots) {
            boolean isFolderItself = sourceRoot.equals(root) && !Files.isDirectory(root.resolve("src"));
            try (Stream<Path> walk = isFolderItself ? Files.list(sourceRoot) : Files.walk(sourceRoot)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sourceRoot + ": " + e.getMessage(), e);
            }
        }
        files.sort(null);
        return files;
    }

    /** The source root that contains {@code file}, if any. */
    public java.util.Optional<Path> sourceRootOf(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        return sourceRoots.stream().filter(normalized::startsWith).findFirst();
    }
}
