package dev.perflens.engine.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gradle version catalog ({@code gradle/libs.versions.toml}): {@code [versions]},
 * {@code [libraries]} in the forms {@code "g:a:v"}, {@code { module = "g:a", version = "v" }},
 * {@code { module = "g:a", version.ref = "k" }}, {@code { group = "g", name = "a", version.ref = "k" }}
 * and {@code version = { require|strictly|prefer = "v" }}, and {@code [bundles]}. The build
 * scripts name a library {@code libs.jackson.databind} for the alias {@code jackson-databind}
 * (dashes, underscores and dots all become dots). Only this subset of TOML is read: one entry a
 * line, arrays of bundles over several lines.
 */
public final class VersionCatalog {
    private static final Pattern SECTION = Pattern.compile("^\\[([\\w.-]+)]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^([\\w.-]+)\\s*=\\s*(.+)$");

    private final Map<String, String> libraries;
    private final Map<String, List<String>> bundles;

    private VersionCatalog(Map<String, String> libraries, Map<String, List<String>> bundles) {
        this.libraries = libraries;
        this.bundles = bundles;
    }

    static VersionCatalog empty() {
        return new VersionCatalog(Map.of(), Map.of());
    }

    /** "group:artifact:version" of {@code libs.<accessor>}, e.g. "jackson.databind". */
    public Optional<String> library(String accessor) {
        return Optional.ofNullable(libraries.get(accessor));
    }

    /** The coordinates of {@code libs.bundles.<accessor>}; empty when there is no such bundle. */
    public List<String> bundle(String accessor) {
        List<String> coordinates = new ArrayList<>();
        for (String alias : bundles.getOrDefault(accessor, List.of())) {
            library(accessorOf(alias)).ifPresent(coordinates::add);
        }
        return coordinates;
    }

    static String accessorOf(String alias) {
        return alias.replace('-', '.').replace('_', '.');
    }

    static VersionCatalog parse(String toml, List<String> unread) {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> rawLibraries = new LinkedHashMap<>();
        Map<String, List<String>> bundles = new LinkedHashMap<>();
        String section = "";
        String[] lines = toml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = withoutComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1);
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                continue;
            }
            String key = entry.group(1).replace("\"", "");
            String value = entry.group(2).strip();
            switch (section) {
                case "versions" -> versions.put(key, value.startsWith("{") ? inline(value).getOrDefault("require",
                        inline(value).getOrDefault("strictly", inline(value).getOrDefault("prefer", ""))) : unquote(value));
                case "libraries" -> rawLibraries.put(key, value);
                case "bundles" -> {
                    StringBuilder array = new StringBuilder(value);
                    while (!array.toString().contains("]") && i + 1 < lines.length) {
                        array.append(withoutComment(lines[++i]));
                    }
                    List<String> aliases = new ArrayList<>();
                    Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(array);
                    while (quoted.find()) {
                        aliases.add(quoted.group(1));
                    }
                    bundles.put(accessorOf(key), aliases);
                }
                default -> {
                }
            }
        }
        Map<String, String> libraries = new LinkedHashMap<>();
        rawLibraries.forEach((alias, value) -> {
            String coordinate;
            if (value.startsWith("\"")) {
                coordinate = unquote(value);
            } else if (value.startsWith("{")) {
                Map<String, String> table = inline(value);
                String module = table.containsKey("module") ? table.get("module")
                        : table.getOrDefault("group", "") + ":" + table.getOrDefault("name", "");
                String version = table.containsKey("version.ref") ? versions.get(table.get("version.ref"))
                        : table.getOrDefault("version", table.getOrDefault("version.require",
                        table.getOrDefault("version.strictly", table.getOrDefault("version.prefer", ""))));
                if (version == null) {
                    unread.add("libs.versions.toml: " + alias + " refers to an unknown version '" + table.get("version.ref") + "'");
                    version = "";
                }
                coordinate = module + ":" + version;
            } else {
                unread.add("libs.versions.toml: " + alias + " = " + value);
                return;
            }
            libraries.put(accessorOf(alias), coordinate);
        });
        return new VersionCatalog(libraries, bundles);
    }

    /** {@code { a = "x", b.c = "y", d = { e = "z" } }} as {"a": "x", "b.c": "y", "d.e": "z"}. */
    static Map<String, String> inline(String table) {
        Map<String, String> values = new LinkedHashMap<>();
        String body = table.strip();
        if (body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
        }
        Matcher nested = Pattern.compile("([\\w.-]+)\\s*=\\s*\\{([^}]*)}").matcher(body);
        while (nested.find()) {
            inline("{" + nested.group(2) + "}").forEach((k, v) -> values.put(nested.group(1) + "." + k, v));
        }
        body = nested.replaceAll("");
        Matcher pair = Pattern.compile("([\\w.-]+)\\s*=\\s*\"([^\"]*)\"").matcher(body);
        while (pair.find()) {
            values.put(pair.group(1), pair.group(2));
        }
        return values;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
