package dev.perflens.bench.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Class path strings and the project's extra class path entries from the settings. */
public final class Classpaths {
    private Classpaths() {
    }

    public static String join(List<Path> entries) {
        return new LinkedHashSet<>(entries).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The entries of {@code benchmark.classpath}, relative to {@code root}: a jar, a class
     * folder, or "folder/*" for every jar in a folder. Missing entries are listed in {@code missing}.
     */
    public static List<Path> resolve(Path root, List<String> entries, List<String> missing) {
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
}
