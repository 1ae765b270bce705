package dev.perflens.bench.sandbox;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

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
        return dev.perflens.engine.workspace.WorkspaceClasspath.entries(root, entries, missing);
    }
}
