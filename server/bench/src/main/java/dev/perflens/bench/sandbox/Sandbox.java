package dev.perflens.bench.sandbox;

import dev.perflens.bench.BenchmarkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary folder that holds everything a benchmark touches: copies of the project's sources
 * (and resources), the variants' classes, the harness, and the forked JVMs' working folder.
 * Nothing is written anywhere else, and {@link #close} deletes it.
 */
public final class Sandbox implements AutoCloseable {
    private final Path root;

    private Sandbox(Path root) {
        this.root = root;
    }

    public static Sandbox create() throws BenchmarkException {
        try {
            return new Sandbox(Files.createTempDirectory("perflens-bench-"));
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path dir(String name) throws BenchmarkException {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot create " + name + " in the sandbox", e);
        }
    }

    /** The copied source roots, in the order given: {@code src/0}, {@code src/1}, ... */
    public List<Path> copySourceRoots(List<Path> sourceRoots) throws BenchmarkException {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < sourceRoots.size(); i++) {
            Path copy = dir("src/" + i);
            copyTree(sourceRoots.get(i), copy, file -> file.toString().endsWith(".java"));
            copies.add(copy);
        }
        return copies;
    }

    /** The resource folders beside the source roots ({@code src/main/resources} beside {@code src/main/java}). */
    public List<Path> copyResources(List<Path> sourceRoots) throws BenchmarkException {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < sourceRoots.size(); i++) {
            Path root = sourceRoots.get(i);
            Path resources = root.getParent() == null ? null : root.getParent().resolve("resources");
            if (resources != null && root.getFileName().toString().equals("java") && Files.isDirectory(resources)) {
                Path copy = dir("resources/" + i);
                copyTree(resources, copy, file -> true);
                copies.add(copy);
            }
        }
        return copies;
    }

    public Path write(Path file, String text) throws BenchmarkException {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws BenchmarkException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(from) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && include.test(file)) {
                        Path target = to.resolve(from.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot copy " + from + " into the sandbox: "
                    + e.getMessage(), e);
        }
    }

    /** Files with this name anywhere below the folders. */
    public static List<Path> find(List<Path> folders, String fileName) {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(p -> p.getFileName().toString().equals(fileName)).forEach(found::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder has no providers
            }
        }
        return found;
    }

    /** {@code -Dperflens.bench.keepSandbox=true} keeps the folder for debugging (its path is logged). */
    @Override
    public void close() {
        if (Boolean.getBoolean("perflens.bench.keepSandbox")) {
            System.getLogger(Sandbox.class.getName()).log(System.Logger.Level.INFO, "benchmark sandbox kept: " + root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: the OS cleans temporary folders
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort
        }
    }
}
