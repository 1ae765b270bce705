package dev.perflens.engine.workspace;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Gradle build's classpath without running Gradle: the coordinates {@link GradleBuild} reads,
 * with the versions its {@code platform(...)} BOMs manage, looked up transitively (through their
 * poms) in the local Maven repository and in Gradle's download cache. The answer is cached in the
 * user cache folder, keyed by the folder and the sha256 of every build file, catalog and
 * {@code gradle.properties}; a lookup that missed something is not cached, so jars that arrive
 * later (a first Gradle or Maven build) are found next time.
 */
public final class GradleClasspath {
    private GradleClasspath() {
    }

    /**
     * @param missing coordinates not found and declarations that could not be read
     */
    public record Result(List<Path> entries, boolean cached, List<String> missing, int declared) {
        public Result {
            entries = List.copyOf(entries);
            missing = List.copyOf(missing);
        }
    }

    public static Path cacheFile(GradleBuild build) {
        return UserCache.forFolder(build.root()).resolve("gradle-classpath-" + hash(build) + ".txt");
    }

    public static Result resolve(GradleBuild build) {
        Path cache = cacheFile(build);
        Set<String> coordinates = new LinkedHashSet<>();
        Set<String> platforms = new LinkedHashSet<>();
        for (GradleBuild.GradleProject project : build.projects()) {
            coordinates.addAll(project.coordinates());
            platforms.addAll(project.platforms());
        }
        if (Files.isRegularFile(cache)) {
            try {
                return new Result(MavenClasspath.split(Files.readString(cache, StandardCharsets.UTF_8)), true, List.of(),
                        coordinates.size());
            } catch (IOException e) {
                // read again below
            }
        }
        LocalRepositoryClasspath repository = new LocalRepositoryClasspath(LocalRepositoryClasspath.defaultRepository(),
                List.of(LocalRepositoryClasspath.defaultGradleCache()));
        Map<String, String> managed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>(build.unread());
        for (String platform : platforms) {
            String[] parts = platform.split(":");
            Map<String, String> versions = parts.length >= 3 ? repository.managedVersions(parts[0], parts[1], parts[2]) : Map.of();
            if (versions.isEmpty()) {
                missing.add(platform + " (platform: its pom is not in the local repository)");
            }
            versions.forEach(managed::putIfAbsent);
        }
        LocalRepositoryClasspath.Result result = repository.resolve(new ArrayList<>(coordinates), managed);
        missing.addAll(result.missing());
        if (missing.isEmpty()) {
            write(cache, result.entries());
        }
        return new Result(result.entries(), false, missing, coordinates.size());
    }

    private static void write(Path cache, List<Path> entries) {
        try {
            Files.createDirectories(cache.getParent());
            Path temporary = Files.createTempFile(cache.getParent(), "gradle-classpath", ".tmp");
            try {
                Files.writeString(temporary, String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()),
                        StandardCharsets.UTF_8);
                Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // an unwritable cache costs a lookup next time, nothing else
        }
    }

    private static String hash(GradleBuild build) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : build.buildFiles()) {
                digest.update(build.root().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return "unreadable-" + System.nanoTime(); // a file vanished meanwhile: never a stale hit
        }
    }

    /** The build's declared source folders (srcDir/srcDirs), for the layout. */
    public static List<Path> declaredSourceRoots(Path root) {
        return Optional.of(GradleBuild.read(root)).map(build -> build.projects().stream()
                .flatMap(p -> p.sourceRoots().stream()).distinct().toList()).orElse(List.of());
    }
}
