package dev.perflens.engine.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Gradle build declares, read as text without running Gradle: {@code settings.gradle(.kts)}
 * ({@code rootProject.name}, {@code include}), each project's {@code build.gradle(.kts)} (source
 * folders from {@code srcDir}/{@code srcDirs}, dependencies in string and map notation,
 * {@code platform(...)} BOMs, {@code libs.x.y} and {@code libs.bundles.x} of the version catalog,
 * {@code project(':other')}), the version catalog {@code gradle/libs.versions.toml} and simple
 * properties ({@code gradle.properties}, {@code ext}, {@code def}/{@code val} string variables).
 * A build script is a program; what only running it would tell (a dependency computed in a loop,
 * a plugin's conventions, a convention plugin in {@code buildSrc}) is not seen, and a declaration
 * this reader cannot understand is listed in {@code unread}.
 *
 * @param buildFiles every file read (for the cache key)
 * @param projects   the root project and the included ones
 * @param unread     declarations that could not be turned into coordinates, for a message
 */
public record GradleBuild(Path root, String name, List<Path> buildFiles, List<GradleProject> projects,
                          List<String> unread) {
    public static final List<String> SETTINGS = List.of("settings.gradle", "settings.gradle.kts");
    public static final List<String> BUILD = List.of("build.gradle", "build.gradle.kts");
    /** The configurations whose dependencies are on a compile classpath of main or test code. */
    static final Set<String> CONFIGURATIONS = Set.of("implementation", "api", "compileOnly", "compileOnlyApi",
            "runtimeOnly", "testImplementation", "testCompileOnly", "testRuntimeOnly", "compile", "testCompile",
            "runtime", "testRuntime", "provided", "testFixturesImplementation", "testFixturesApi");

    /**
     * @param path         the project's path, ":" for the root, ":core" for an included one
     * @param sourceRoots  the folders its build file declares with srcDir/srcDirs that exist
     * @param coordinates  "group:artifact:version" (version may be empty when a platform manages it)
     * @param platforms    "group:artifact:version" of BOMs
     * @param projectDeps  paths of the projects it depends on
     */
    public record GradleProject(String path, Path dir, List<Path> sourceRoots, List<String> coordinates,
                                List<String> platforms, List<String> projectDeps) {
    }

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\b\\s*\\(?(.*)$");
    private static final Pattern ROOT_NAME = Pattern.compile("rootProject\\.name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern VARIABLE = Pattern.compile(
            "(?m)^\\s*(?:ext\\.|def\\s+|val\\s+|extra\\[\"|set\\(\")?([A-Za-z_][\\w.]*)\"?]?\\s*(?:=|,)\\s*['\"]([^'\"$]*)['\"]\\)?\\s*$");
    private static final Pattern CATALOG_REF = Pattern.compile("^libs\\.([\\w.]+)$");
    private static final Pattern PROJECT_REF = Pattern.compile("^project\\s*\\(\\s*(?:path\\s*[:=]\\s*)?['\"]([^'\"]+)['\"]\\s*\\)$");

    public static boolean isGradle(Path folder) {
        return SETTINGS.stream().anyMatch(f -> Files.isRegularFile(folder.resolve(f)))
                || BUILD.stream().anyMatch(f -> Files.isRegularFile(folder.resolve(f)));
    }

    public static GradleBuild read(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        String settings = "";
        for (String name : SETTINGS) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                settings = stripComments(readText(file, unread));
                files.add(file);
                break;
            }
        }
        Matcher rootName = ROOT_NAME.matcher(settings);
        String name = rootName.find() ? rootName.group(1) : String.valueOf(root.getFileName());
        Map<String, Path> projectDirs = new LinkedHashMap<>();
        projectDirs.put(":", root);
        Matcher include = INCLUDE.matcher(settings);
        while (include.find()) {
            Matcher quoted = STRING.matcher(include.group(1));
            while (quoted.find()) {
                String path = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
                String normalized = path.startsWith(":") ? path : ":" + path;
                projectDirs.put(normalized, root.resolve(normalized.substring(1).replace(':', '/')).normalize());
            }
        }
        Path catalogFile = root.resolve("gradle").resolve("libs.versions.toml");
        VersionCatalog catalog = VersionCatalog.empty();
        if (Files.isRegularFile(catalogFile)) {
            files.add(catalogFile);
            catalog = VersionCatalog.parse(readText(catalogFile, unread), unread);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        Path properties = root.resolve("gradle.properties");
        if (Files.isRegularFile(properties)) {
            files.add(properties);
            Properties loaded = new Properties();
            try (var reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                loaded.load(reader);
            } catch (IOException e) {
                unread.add("gradle.properties (" + e.getMessage() + ")");
            }
            loaded.stringPropertyNames().forEach(key -> variables.put(key, loaded.getProperty(key)));
        }
        // every build file's text first: a root build's ext values and subprojects { } apply to the others
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> project : projectDirs.entrySet()) {
            for (String buildName : BUILD) {
                Path file = project.getValue().resolve(buildName);
                if (Files.isRegularFile(file)) {
                    files.add(file);
                    String text = stripComments(readText(file, unread));
                    scripts.put(project.getKey(), text);
                    Matcher variable = VARIABLE.matcher(text);
                    while (variable.find()) {
                        variables.putIfAbsent(variable.group(1), variable.group(2));
                    }
                    break;
                }
            }
        }
        String rootScript = scripts.getOrDefault(":", "");
        List<String> shared = new ArrayList<>();
        blocks(rootScript, "subprojects").forEach(body -> shared.addAll(blocks(body, "dependencies")));
        List<String> everywhere = new ArrayList<>();
        blocks(rootScript, "allprojects").forEach(body -> everywhere.addAll(blocks(body, "dependencies")));
        List<GradleProject> projects = new ArrayList<>();
        for (Map.Entry<String, Path> project : projectDirs.entrySet()) {
            String text = scripts.getOrDefault(project.getKey(), "");
            List<String> dependencyBlocks = new ArrayList<>(topLevelBlocks(text, "dependencies"));
            dependencyBlocks.addAll(everywhere);
            if (!project.getKey().equals(":")) {
                dependencyBlocks.addAll(shared);
            }
            List<String> coordinates = new ArrayList<>();
            List<String> platforms = new ArrayList<>();
            List<String> projectDeps = new ArrayList<>();
            for (String body : dependencyBlocks) {
                for (String statement : body.split("[\\n;]")) {
                    dependency(statement.strip(), variables, catalog, coordinates, platforms, projectDeps, unread);
                }
            }
            projects.add(new GradleProject(project.getKey(), project.getValue(), sourceDirs(text, project.getValue()),
                    dedupe(coordinates), dedupe(platforms), dedupe(projectDeps)));
        }
        return new GradleBuild(root, name, files, projects, dedupe(unread));
    }

    /** The folders of every srcDir/srcDirs statement that exist (a resources srcDir holds no .java and is harmless). */
    static List<Path> sourceDirs(String script, Path projectDir) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String line : script.split("\n")) {
            int at = line.indexOf("srcDir");
            if (at < 0) {
                continue;
            }
            Matcher quoted = STRING.matcher(line.substring(at));
            while (quoted.find()) {
                String dir = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
                Path folder = projectDir.resolve(dir).normalize();
                if (!dir.contains("$") && Files.isDirectory(folder)) {
                    dirs.add(folder);
                }
            }
        }
        return new ArrayList<>(dirs);
    }

    private static void dependency(String statement, Map<String, String> variables, VersionCatalog catalog,
                                   List<String> coordinates, List<String> platforms, List<String> projectDeps,
                                   List<String> unread) {
        Matcher head = Pattern.compile("^([A-Za-z]+)\\b\\s*(.*)$").matcher(statement);
        if (!head.matches() || !CONFIGURATIONS.contains(head.group(1))) {
            return;
        }
        String argument = head.group(2).strip();
        int closure = outsideQuotes(argument, '{');
        if (closure >= 0) {
            argument = argument.substring(0, closure).strip(); // { exclude ... } / { isTransitive = false }
        }
        argument = unwrap(argument);
        boolean platform = false;
        Matcher platformCall = Pattern.compile("^(?:enforcedPlatform|platform)\\s*\\((.*)\\)$").matcher(argument);
        if (platformCall.matches()) {
            platform = true;
            argument = platformCall.group(1).strip();
        }
        List<String> found = new ArrayList<>();
        Matcher project = PROJECT_REF.matcher(argument);
        Matcher reference = CATALOG_REF.matcher(argument);
        if (project.matches()) {
            String path = project.group(1);
            projectDeps.add(path.startsWith(":") ? path : ":" + path);
            return;
        } else if (reference.matches()) {
            String accessor = reference.group(1);
            List<String> resolved = accessor.startsWith("bundles.") ? catalog.bundle(accessor.substring("bundles.".length()))
                    : catalog.library(accessor).map(List::of).orElse(List.of());
            if (resolved.isEmpty()) {
                unread.add("libs." + accessor + " (not in gradle/libs.versions.toml)");
            }
            found.addAll(resolved);
        } else if (argument.matches("^(?:group\\s*[:=]).*")) {
            Map<String, String> map = new LinkedHashMap<>();
            Matcher entry = Pattern.compile("(group|name|version|classifier)\\s*[:=]\\s*(\"[^\"]*\"|'[^']*')").matcher(argument);
            while (entry.find()) {
                map.put(entry.group(1), interpolate(entry.group(2).substring(1, entry.group(2).length() - 1), variables));
            }
            found.add(map.getOrDefault("group", "") + ":" + map.getOrDefault("name", "") + ":" + map.getOrDefault("version", "")
                    + (map.containsKey("classifier") ? ":" + map.get("classifier") : ""));
        } else {
            Matcher quoted = STRING.matcher(argument);
            if (quoted.lookingAt() && quoted.end() == argument.length()) {
                found.add(interpolate(quoted.group(1) != null ? quoted.group(1) : quoted.group(2), variables));
            } else if (!argument.matches("^(?:files|fileTree|gradleApi|localGroovy|kotlin)\\b.*")) {
                unread.add(statement);
            }
        }
        for (String coordinate : found) {
            if (coordinate.contains("$") || coordinate.split(":").length < 2) {
                unread.add(statement);
            } else {
                (platform ? platforms : coordinates).add(coordinate);
            }
        }
    }

    /** The first {@code c} not inside a quoted string ("${version}" holds a brace), or -1. */
    private static int outsideQuotes(String text, char c) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char at = text.charAt(i);
            if (quote != 0) {
                if (at == '\\') {
                    i++;
                } else if (at == quote) {
                    quote = 0;
                }
            } else if (at == '"' || at == '\'') {
                quote = at;
            } else if (at == c) {
                return i;
            }
        }
        return -1;
    }

    /** {@code (x)} to {@code x}, repeatedly (Kotlin's call syntax and Groovy's optional parentheses). */
    private static String unwrap(String argument) {
        String current = argument;
        while (current.startsWith("(") && current.endsWith(")") && balanced(current.substring(1, current.length() - 1))) {
            current = current.substring(1, current.length() - 1).strip();
        }
        return current;
    }

    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = Pattern.compile("\\$\\{?([A-Za-z_][\\w.]*)}?").matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = variables.get(name);
            if (replacement == null && name.startsWith("project.")) {
                replacement = variables.get(name.substring("project.".length()));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The bodies of {@code name { ... }} blocks at the top level of a script (not inside buildscript or another block). */
    static List<String> topLevelBlocks(String script, String name) {
        List<String> bodies = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0 && script.startsWith(name, i) && (i == 0 || !Character.isJavaIdentifierPart(script.charAt(i - 1)))) {
                int brace = skipSpaces(script, i + name.length());
                if (brace < script.length() && script.charAt(brace) == '{') {
                    int end = matching(script, brace);
                    bodies.add(script.substring(brace + 1, end));
                    i = end;
                }
            }
        }
        return bodies;
    }

    /** The bodies of {@code name { ... }} blocks at the top level of {@code script}; same as {@link #topLevelBlocks}. */
    static List<String> blocks(String script, String name) {
        return topLevelBlocks(script, name);
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The script without // and /* *&#47; comments (quoted text is kept, so "https://..." survives). */
    static String stripComments(String script) {
        StringBuilder out = new StringBuilder(script.length());
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < script.length()) {
                    out.append(script.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
            } else if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '/') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? script.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String readText(Path file, List<String> unread) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            unread.add(file.getFileName() + " (" + e.getMessage() + ")");
            return "";
        }
    }

    private static List<String> dedupe(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
