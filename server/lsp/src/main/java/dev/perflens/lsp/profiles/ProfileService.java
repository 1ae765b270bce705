package dev.perflens.lsp.profiles;

import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.ProfileLoadException;
import dev.perflens.evidence.ProfileReader;
import dev.perflens.evidence.source.WorkspaceSources;
import dev.perflens.lsp.ServerSettings;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The profiles in force: those imported by command, those the {@code perflens.profiles} setting
 * names, and every {@code .jfr}/{@code .collapsed} file in a workspace folder's
 * {@code .perflens/profiles/}. A file is read again only when its size or time changes. Each
 * workspace folder gets its own {@link HotnessIndex}, built on first use after a change.
 */
@Singleton
public final class ProfileService {
    public static final String PROFILE_FOLDER = ".perflens/profiles";

    private record Loaded(Profile profile, FileTime modified, long size) {
    }

    private record Index(long generation, HotnessIndex index) {
    }

    private final WorkspaceRoots roots;
    private final ServerSettings settings;
    private final Map<Path, Loaded> imported = new ConcurrentHashMap<>();
    private final Map<Path, Loaded> discovered = new ConcurrentHashMap<>();
    private final Map<Path, Index> indexes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    public ProfileService(WorkspaceRoots roots, ServerSettings settings) {
        this.roots = roots;
        this.settings = settings;
    }

    /** Changes whenever the set of profiles changes; caches of ranked results key on it. */
    public long generation() {
        return generation.get();
    }

    /** Every loaded profile, imported ones first. */
    public List<Profile> profiles() {
        Map<Path, Profile> all = new LinkedHashMap<>();
        imported.forEach((path, loaded) -> all.put(path, loaded.profile()));
        discovered.forEach((path, loaded) -> all.putIfAbsent(path, loaded.profile()));
        return List.copyOf(all.values());
    }

    /** Loads one profile on request (the import command); it stays loaded until the server stops. */
    public Profile importProfile(Path file) throws ProfileLoadException {
        Path path = file.toAbsolutePath().normalize();
        Profile profile = ProfileReader.read(path);
        imported.put(path, new Loaded(profile, modified(path), size(path)));
        generation.incrementAndGet();
        return profile;
    }

    /**
     * Reads the profile folders and the setting's files again. Unchanged files are kept as they
     * are; a file that cannot be read is left out and reported. Returns the problems.
     */
    public List<ProfileLoadException> reload() {
        List<ProfileLoadException> problems = new ArrayList<>();
        Set<Path> wanted = new TreeSet<>(candidates());
        boolean changed = discovered.keySet().removeIf(path -> !wanted.contains(path));
        for (Path path : wanted) {
            Loaded current = discovered.get(path);
            FileTime modified = modified(path);
            long size = size(path);
            if (current != null && current.modified().equals(modified) && current.size() == size) {
                continue;
            }
            try {
                discovered.put(path, new Loaded(ProfileReader.read(path), modified, size));
            } catch (ProfileLoadException e) {
                discovered.remove(path);
                problems.add(e);
            }
            changed = true;
        }
        // an imported file that changed on disk is read again too
        for (Map.Entry<Path, Loaded> entry : imported.entrySet()) {
            Path path = entry.getKey();
            if (!Files.exists(path)) {
                imported.remove(path);
                changed = true;
            } else if (!entry.getValue().modified().equals(modified(path)) || entry.getValue().size() != size(path)) {
                try {
                    imported.put(path, new Loaded(ProfileReader.read(path), modified(path), size(path)));
                } catch (ProfileLoadException e) {
                    imported.remove(path);
                    problems.add(e);
                }
                changed = true;
            }
        }
        if (changed || !problems.isEmpty()) {
            generation.incrementAndGet();
        }
        return problems;
    }

    /** The profile files the folders and the setting name now. */
    private List<Path> candidates() {
        List<Path> files = new ArrayList<>();
        for (Path root : roots.all()) {
            Path folder = root.resolve(PROFILE_FOLDER);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> list = Files.list(folder)) {
                    list.filter(Files::isRegularFile).filter(ProfileReader::isProfileName)
                            .map(p -> p.toAbsolutePath().normalize()).forEach(files::add);
                } catch (IOException e) {
                    // an unreadable folder holds no profiles
                }
            }
            for (String entry : settings.profiles()) {
                files.addAll(matching(root, entry));
            }
        }
        return files;
    }

    /** Files matching a setting entry: a path, or a glob, relative to {@code root} unless absolute. */
    static List<Path> matching(Path root, String entry) {
        boolean glob = entry.contains("*") || entry.contains("?") || entry.contains("{") || entry.contains("[");
        if (!glob) {
            Path path = root.resolve(entry).toAbsolutePath().normalize();
            return List.of(path); // a named file that is missing is reported, not skipped
        }
        Path absolute = Path.of(entry).isAbsolute() ? Path.of("/") : root;
        String pattern = Path.of(entry).isAbsolute() ? entry.substring(1) : entry;
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Path base = absolute;
        // walk only below the glob's fixed leading folders
        for (Path part : Path.of(pattern)) {
            String name = part.toString();
            if (name.contains("*") || name.contains("?") || name.contains("{") || name.contains("[")) {
                break;
            }
            base = base.resolve(name);
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Path from = absolute;
        try (Stream<Path> walk = Files.walk(base, 8)) {
            return walk.filter(Files::isRegularFile).filter(p -> matcher.matches(from.relativize(p)))
                    .map(p -> p.toAbsolutePath().normalize()).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** The hotness of the profiles mapped onto the folder that holds {@code file}. */
    public Optional<HotnessIndex> indexFor(Path file) {
        return roots.rootOf(file).flatMap(this::indexOfRoot);
    }

    /** One index per workspace folder, built lazily after each change. */
    public Optional<HotnessIndex> indexOfRoot(Path root) {
        List<Profile> profiles = profiles();
        if (profiles.isEmpty()) {
            return Optional.empty();
        }
        long now = generation.get();
        Index cached = indexes.get(root);
        if (cached != null && cached.generation() == now) {
            return Optional.of(cached.index());
        }
        Optional<ProjectLayout> layout = roots.layout(root);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        HotnessIndex index = HotnessIndex.build(profiles, WorkspaceSources.of(layout.get().sourceRoots()));
        indexes.put(root, new Index(now, index));
        return Optional.of(index);
    }

    /** Whether a changed file is one this service reads (so a watcher event should reload). */
    public boolean concerns(Path changed) {
        Path path = changed.toAbsolutePath().normalize();
        if (imported.containsKey(path) || discovered.containsKey(path)) {
            return true;
        }
        Path parent = path.getParent();
        return parent != null && parent.endsWith(Path.of(".perflens", "profiles"));
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }
}
