package dev.perflens.engine.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A classpath found without running anything: the dependencies a build declares, looked up by
 * their coordinates in the local Maven repository ({@code ~/.m2/repository}, or the
 * {@code localRepository} of {@code ~/.m2/settings.xml}) and, transitively, through the poms stored
 * there. This is what an untrusted folder gets, and what a failed Maven run falls back to.
 *
 * <p>It reads what Maven would read for compile-time resolution, in a reduced form: properties
 * (the project's, its parents', {@code project.*}), parents (by {@code relativePath} in the folder,
 * else from the repository), {@code dependencyManagement} with imported BOMs, scopes (every scope
 * of the folder's own modules; compile and runtime of a dependency's), {@code optional},
 * {@code exclusions}, classifiers, and nearest-first version choice. Profiles, version ranges and
 * properties that only a running build knows ({@code ${os.name}}) are not evaluated: such a
 * dependency is reported as missing, by name, and everything else is still used.
 */
public final class LocalRepositoryClasspath {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_DEPTH = 12;

    /**
     * @param entries the jars found
     * @param missing each declared or transitive dependency that could not be found, as
     *                {@code group:artifact:version (why)}
     */
    public record Result(List<Path> entries, List<String> missing) {
        public Result {
            entries = List.copyOf(entries);
            missing = List.copyOf(missing);
        }
    }

    /** A dependency as declared, before interpolation. */
    record Dependency(String groupId, String artifactId, String version, String type, String classifier,
                      String scope, boolean optional, Set<String> exclusions) {
        String key() {
            return groupId + ":" + artifactId + (classifier.isEmpty() ? "" : ":" + classifier);
        }
    }

    /** A pom with its parents' properties, management and dependencies merged in. */
    record Model(String groupId, String artifactId, String version, Map<String, String> properties,
                 Map<String, Dependency> managed, List<Dependency> dependencies) {
    }

    private final Path repository;
    private final List<Path> gradleCaches;
    private final Map<String, Model> models = new HashMap<>();

    public LocalRepositoryClasspath(Path repository) {
        this(repository, List.of());
    }

    /** Also looks in Gradle's caches ({@code .../caches/modules-2/files-2.1}), where Gradle keeps what it downloaded. */
    public LocalRepositoryClasspath(Path repository, List<Path> gradleCaches) {
        this.repository = repository;
        this.gradleCaches = List.copyOf(gradleCaches);
    }

    /** Gradle's download cache of this user: {@code $GRADLE_USER_HOME}, else {@code ~/.gradle}. */
    public static Path defaultGradleCache() {
        String home = System.getProperty("perflens.gradle.user.home", System.getenv("GRADLE_USER_HOME"));
        Path gradleHome = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".gradle") : Path.of(home);
        return gradleHome.resolve("caches").resolve("modules-2").resolve("files-2.1");
    }

    /** The local Maven repository of this user: settings.xml's {@code localRepository}, else {@code ~/.m2/repository}. */
    public static Path defaultRepository() {
        String property = System.getProperty("perflens.maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        Path settings = m2.resolve("settings.xml");
        if (Files.isRegularFile(settings)) {
            try {
                Element root = parse(settings);
                String local = text(root, "localRepository");
                if (!local.isEmpty()) {
                    return Path.of(local.replace("${user.home}", System.getProperty("user.home")));
                }
            } catch (IOException e) {
                // an unreadable settings.xml leaves the default in force
            }
        }
        return m2.resolve("repository");
    }

    /** The jars of every module of {@code project}, its own modules' artifacts excepted (they are sources). */
    public Result resolve(MavenProject project) {
        List<Model> modules = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path pom : project.poms()) {
            try {
                modules.add(model(pom, project.root(), 0));
            } catch (IOException e) {
                missing.add(project.root().relativize(pom) + " (cannot be read: " + e.getMessage() + ")");
            }
        }
        Set<String> reactor = new LinkedHashSet<>();
        modules.forEach(m -> reactor.add(m.groupId() + ":" + m.artifactId()));
        Map<String, Dependency> managed = new LinkedHashMap<>();
        modules.forEach(m -> m.managed().forEach(managed::putIfAbsent));
        List<Declared> direct = new ArrayList<>();
        for (Model module : modules) {
            for (Dependency dependency : module.dependencies()) {
                direct.add(new Declared(interpolate(dependency, module), Set.of()));
            }
        }
        return walk(direct, reactor, managed, missing);
    }

    /** The jars of the given coordinates and their dependencies (for builds that are not Maven's, such as Gradle's). */
    public Result resolve(List<String> coordinates, Map<String, String> platformManaged) {
        List<Declared> direct = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String coordinate : coordinates) {
            String[] parts = coordinate.split(":");
            if (parts.length < 2) {
                missing.add(coordinate + " (not group:artifact:version)");
                continue;
            }
            direct.add(new Declared(new Dependency(parts[0], parts[1], parts.length > 2 ? parts[2] : "", "jar",
                    parts.length > 3 ? parts[3] : "", "compile", false, Set.of()), Set.of()));
        }
        Map<String, Dependency> managed = new LinkedHashMap<>();
        platformManaged.forEach((key, version) -> {
            String[] parts = key.split(":");
            managed.put(key, new Dependency(parts[0], parts[1], version, "jar", "", "", false, Set.of()));
        });
        return walk(direct, Set.of(), managed, missing);
    }

    /** The imported BOM's managed versions ({@code group:artifact} to version), for Gradle's {@code platform(...)}. */
    public Map<String, String> managedVersions(String groupId, String artifactId, String version) {
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            Path pom = artifact(groupId, artifactId, version, "", "pom");
            if (Files.isRegularFile(pom)) {
                model(pom, null, 0).managed().forEach((key, dependency) -> versions.put(key, dependency.version()));
            }
        } catch (IOException e) {
            // an unreadable BOM manages nothing
        }
        return versions;
    }

    private record Declared(Dependency dependency, Set<String> exclusions) {
    }

    private Result walk(List<Declared> direct, Set<String> reactor, Map<String, Dependency> managed, List<String> missing) {
        Map<String, Path> found = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>(reactor);
        Deque<Declared> queue = new ArrayDeque<>(direct);
        Map<Declared, Integer> depth = new HashMap<>();
        direct.forEach(d -> depth.put(d, 0));
        while (!queue.isEmpty()) {
            Declared next = queue.removeFirst();
            Dependency dependency = next.dependency();
            if (!seen.add(dependency.key()) || dependency.scope().equals("system") || dependency.scope().equals("import")) {
                continue;
            }
            Dependency management = managed.get(dependency.groupId() + ":" + dependency.artifactId());
            String version = management != null && depth.get(next) > 0 && !management.version().isEmpty()
                    ? management.version() : dependency.version();
            if (version.isEmpty() && management != null) {
                version = management.version();
            }
            String name = dependency.groupId() + ":" + dependency.artifactId() + (version.isEmpty() ? "" : ":" + version);
            if (version.isEmpty() || version.contains("${")) {
                missing.add(name + " (no version known without running the build)");
                continue;
            }
            if (version.startsWith("[") || version.startsWith("(")) {
                if (version.matches("\\[[^,\\]]+]")) {
                    version = version.substring(1, version.length() - 1);
                } else {
                    missing.add(name + " (a version range is chosen only by the build)");
                    continue;
                }
            }
            if (dependency.type().equals("pom")) {
                continue;
            }
            String classifier = dependency.type().equals("test-jar") ? "tests" : dependency.classifier();
            Path jar = artifact(dependency.groupId(), dependency.artifactId(), version, classifier, "jar");
            if (!Files.isRegularFile(jar)) {
                missing.add(name + (classifier.isEmpty() ? "" : ":" + classifier) + " (not in " + searched() + ")");
                continue;
            }
            found.put(dependency.key(), jar);
            int level = depth.get(next) + 1;
            if (level > MAX_DEPTH) {
                continue;
            }
            Path pom = artifact(dependency.groupId(), dependency.artifactId(), version, "", "pom");
            Model model;
            try {
                model = Files.isRegularFile(pom) ? model(pom, null, 0) : null;
            } catch (IOException e) {
                model = null;
            }
            if (model == null) {
                continue; // a jar without its pom: its own dependencies are unknown
            }
            Set<String> exclusions = new LinkedHashSet<>(next.exclusions());
            exclusions.addAll(dependency.exclusions());
            for (Dependency transitive : model.dependencies()) {
                Dependency resolved = interpolate(transitive, model);
                if (resolved.optional() || !(resolved.scope().isEmpty() || resolved.scope().equals("compile")
                        || resolved.scope().equals("runtime"))
                        || exclusions.contains(resolved.groupId() + ":" + resolved.artifactId())
                        || exclusions.contains(resolved.groupId() + ":*") || exclusions.contains("*:*")) {
                    continue;
                }
                if (resolved.version().isEmpty() && model.managed().containsKey(resolved.groupId() + ":" + resolved.artifactId())) {
                    resolved = withVersion(resolved, model.managed().get(resolved.groupId() + ":" + resolved.artifactId()).version());
                }
                Declared declared = new Declared(resolved, exclusions);
                depth.put(declared, level);
                queue.addLast(declared);
            }
        }
        return new Result(new ArrayList<>(found.values()), missing);
    }

    private static Dependency withVersion(Dependency d, String version) {
        return new Dependency(d.groupId(), d.artifactId(), version, d.type(), d.classifier(), d.scope(), d.optional(),
                d.exclusions());
    }

    private Path artifact(String groupId, String artifactId, String version, String classifier, String extension) {
        String file = artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
        Path maven = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version).resolve(file);
        if (Files.isRegularFile(maven)) {
            return maven;
        }
        for (Path cache : gradleCaches) {
            // files-2.1/<group>/<artifact>/<version>/<sha1 of the file>/<file>
            Path versionDir = cache.resolve(groupId).resolve(artifactId).resolve(version);
            if (Files.isDirectory(versionDir)) {
                try (var hashes = Files.list(versionDir)) {
                    for (Path hash : hashes.sorted().toList()) {
                        if (Files.isRegularFile(hash.resolve(file))) {
                            return hash.resolve(file);
                        }
                    }
                } catch (IOException e) {
                    // an unreadable cache folder holds nothing for us
                }
            }
        }
        return maven;
    }

    /** Where a missing jar was looked for, for messages. */
    private String searched() {
        return gradleCaches.isEmpty() ? repository.toString()
                : repository + " or " + String.join(", ", gradleCaches.stream().map(Path::toString).toList());
    }

    /** The pom's model with its parents merged in; {@code workspace} (or null) is where relative parents may live. */
    private Model model(Path pom, Path workspace, int depth) throws IOException {
        Path key = pom.toAbsolutePath().normalize();
        Model cached = models.get(key.toString());
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            throw new IOException("parent chain too long at " + pom);
        }
        Element project = parse(pom);
        Element parentElement = child(project, "parent");
        Model parent = null;
        if (parentElement != null) {
            String pg = text(parentElement, "groupId");
            String pa = text(parentElement, "artifactId");
            String pv = text(parentElement, "version");
            Element relative = child(parentElement, "relativePath");
            String relativePath = relative == null ? "../pom.xml" : relative.getTextContent().trim();
            Path local = relativePath.isEmpty() || workspace == null ? null : pom.getParent().resolve(relativePath).normalize();
            if (local != null && Files.isDirectory(local)) {
                local = local.resolve("pom.xml");
            }
            if (local != null && local.startsWith(workspace) && Files.isRegularFile(local)) {
                parent = model(local, workspace, depth + 1);
                if (!(parent.groupId().equals(pg) && parent.artifactId().equals(pa))) {
                    parent = null;
                }
            }
            if (parent == null) {
                Path stored = artifact(pg, pa, pv, "", "pom");
                if (Files.isRegularFile(stored)) {
                    parent = model(stored, null, depth + 1);
                }
            }
        }
        String groupId = text(project, "groupId");
        String version = text(project, "version");
        if (groupId.isEmpty() && parentElement != null) {
            groupId = text(parentElement, "groupId");
        }
        if (version.isEmpty() && parentElement != null) {
            version = text(parentElement, "version");
        }
        String artifactId = text(project, "artifactId");
        Map<String, String> properties = new LinkedHashMap<>(parent == null ? Map.of() : parent.properties());
        for (Element property : elements(child(project, "properties"))) {
            properties.put(property.getTagName(), property.getTextContent().trim());
        }
        properties.put("project.groupId", groupId);
        properties.put("project.artifactId", artifactId);
        properties.put("project.version", version);
        properties.put("pom.version", version);
        properties.put("version", version);
        if (parentElement != null) {
            properties.put("project.parent.version", text(parentElement, "version"));
            properties.put("project.parent.groupId", text(parentElement, "groupId"));
        }
        Map<String, Dependency> managed = new LinkedHashMap<>();
        List<Dependency> imports = new ArrayList<>();
        for (Element element : children(child(child(project, "dependencyManagement"), "dependencies"), "dependency")) {
            Dependency dependency = interpolate(dependency(element), properties);
            if (dependency.scope().equals("import")) {
                imports.add(dependency);
            } else {
                managed.putIfAbsent(dependency.groupId() + ":" + dependency.artifactId(), dependency);
            }
        }
        for (Dependency bom : imports) {
            Path stored = artifact(bom.groupId(), bom.artifactId(), bom.version(), "", "pom");
            if (Files.isRegularFile(stored)) {
                model(stored, null, depth + 1).managed().forEach(managed::putIfAbsent);
            }
        }
        if (parent != null) {
            parent.managed().forEach(managed::putIfAbsent);
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (Element element : children(child(project, "dependencies"), "dependency")) {
            Dependency dependency = dependency(element);
            Dependency management = managed.get(interpolate(dependency.groupId(), properties) + ":"
                    + interpolate(dependency.artifactId(), properties));
            if (management != null) {
                dependency = new Dependency(dependency.groupId(), dependency.artifactId(),
                        dependency.version().isEmpty() ? management.version() : dependency.version(),
                        dependency.type(), dependency.classifier(),
                        dependency.scope().isEmpty() ? management.scope() : dependency.scope(),
                        dependency.optional(), merge(dependency.exclusions(), management.exclusions()));
            }
            dependencies.add(dependency);
        }
        if (parent != null) {
            dependencies.addAll(parent.dependencies());
        }
        Model model = new Model(groupId, artifactId, version, properties, managed, dependencies);
        models.put(key.toString(), model);
        return model;
    }

    private static Set<String> merge(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Dependency dependency(Element element) {
        Set<String> exclusions = new LinkedHashSet<>();
        for (Element exclusion : children(child(element, "exclusions"), "exclusion")) {
            exclusions.add(text(exclusion, "groupId") + ":" + text(exclusion, "artifactId"));
        }
        String type = text(element, "type");
        return new Dependency(text(element, "groupId"), text(element, "artifactId"), text(element, "version"),
                type.isEmpty() ? "jar" : type, text(element, "classifier"), text(element, "scope"),
                text(element, "optional").equals("true"), exclusions);
    }

    private static Dependency interpolate(Dependency d, Model model) {
        return interpolate(d, model.properties());
    }

    private static Dependency interpolate(Dependency d, Map<String, String> properties) {
        return new Dependency(interpolate(d.groupId(), properties), interpolate(d.artifactId(), properties),
                interpolate(d.version(), properties), interpolate(d.type(), properties),
                interpolate(d.classifier(), properties), interpolate(d.scope(), properties), d.optional(), d.exclusions());
    }

    static String interpolate(String value, Map<String, String> properties) {
        String current = value;
        for (int round = 0; round < 10 && current.contains("${"); round++) {
            Matcher matcher = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (matcher.find()) {
                String replacement = properties.get(matcher.group(1));
                changed |= replacement != null;
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
            }
            matcher.appendTail(out);
            current = out.toString();
            if (!changed) {
                break;
            }
        }
        return current;
    }

    private static Element parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(file.toFile()).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Element element : elements(parent)) {
            if (element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }
}
