package dev.perflens.lsp.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.perflens.bench.BenchSettings;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Hotness;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.WorkspaceClasspath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .perflens.json}. Every problem is reported with its line and column; invalid
 * JSON leaves the whole policy at its defaults, a wrong or unknown entry leaves only that
 * entry at its default.
 */
public final class PolicyLoader {
    /**
     * A problem in the policy file; line and column are zero-based, as LSP counts them. A fatal
     * problem (unreadable, invalid JSON) leaves the whole policy at its defaults.
     */
    public record PolicyProblem(int line, int column, String message, boolean fatal) {
        PolicyProblem(int line, int column, String message) {
            this(line, column, message, message.endsWith("defaults are in force"));
        }
    }

    /**
     * @param benchmark the {@code benchmark} object's settings (what it does not set stays at the mode's defaults)
     */
    public record Loaded(Policy policy, List<PolicyProblem> problems, boolean present, BenchSettings.Overrides benchmark,
                         List<Path> classpath) {
        public Loaded {
            classpath = List.copyOf(classpath);
        }

        public Loaded(Policy policy, List<PolicyProblem> problems, boolean present) {
            this(policy, problems, present, BenchSettings.Overrides.NONE, List.of());
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> KEYS = List.of("rules", "maxFixLines", "protectedPaths", "exclude", "hotness", "benchmark",
            "classpath", "tests", "fixes");
    private static final List<String> SEVERITIES = List.of("error", "warning", "info", "hint");

    private final Path root;
    private final Set<String> knownRules;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final Map<String, Policy.RuleSettings> rules = new HashMap<>();
    private Integer maxFixLines;
    private List<String> protectedPaths = List.of();
    private final Set<dev.perflens.engine.fix.FixKind> deniedFixes = java.util.EnumSet.noneOf(dev.perflens.engine.fix.FixKind.class);
    private List<String> exclude = List.of();
    private double hotThresholdPercent = Hotness.DEFAULT_THRESHOLD_PERCENT;
    private boolean noSamplesAsHint = Hotness.DEFAULTS.noSamplesAsHint();
    private BenchSettings.Overrides benchmark = BenchSettings.Overrides.NONE;
    private List<Path> classpath = List.of();
    private Policy.TestSources tests = Policy.TestSources.HINT;

    private PolicyLoader(Path root, Set<String> knownRules) {
        this.root = root;
        this.knownRules = knownRules;
    }

    /** The policy of {@code root}: its .perflens.json, or defaults when there is none. */
    public static Loaded load(Path root, Set<String> knownRules) {
        Path file = root.resolve(Policy.FILE_NAME);
        try {
            return parse(root, Files.readString(file, StandardCharsets.UTF_8), knownRules);
        } catch (NoSuchFileException e) {
            return new Loaded(Policy.defaults(root), List.of(), false);
        } catch (IOException e) {
            return new Loaded(Policy.defaults(root),
                    List.of(new PolicyProblem(0, 0, "cannot read " + Policy.FILE_NAME + ": " + e.getMessage()
                            + "; defaults are in force")), true);
        }
    }

    public static Loaded parse(Path root, String text, Set<String> knownRules) {
        PolicyLoader loader = new PolicyLoader(root.toAbsolutePath().normalize(), knownRules);
        try (JsonParser parser = JSON.createParser(text)) {
            loader.readRoot(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Loaded(Policy.defaults(loader.root), List.of(new PolicyProblem(line(at), column(at),
                    "invalid JSON: " + e.getOriginalMessage() + "; defaults are in force")), true);
        } catch (IOException e) {
            return new Loaded(Policy.defaults(loader.root), List.of(new PolicyProblem(0, 0,
                    "cannot parse: " + e.getMessage() + "; defaults are in force")), true);
        }
        Policy policy = new Policy(loader.root, loader.rules, loader.maxFixLines, loader.protectedPaths, loader.exclude,
                new Hotness(loader.hotThresholdPercent, loader.noSamplesAsHint), loader.tests, loader.deniedFixes);
        return new Loaded(policy, List.copyOf(loader.problems), true, loader.benchmark, loader.classpath);
    }

    private void readRoot(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            problem(parser, "the policy must be a JSON object; defaults are in force");
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            parser.nextToken();
            switch (key) {
                case "$schema" -> parser.skipChildren();
                case "rules" -> readRules(parser);
                case "maxFixLines" -> {
                    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getIntValue() >= 1) {
                        maxFixLines = parser.getIntValue();
                    } else {
                        problem(parser, "maxFixLines must be a whole number of at least 1");
                        parser.skipChildren();
                    }
                }
                case "protectedPaths" -> protectedPaths = readGlobs(parser, key);
                case "exclude" -> exclude = readGlobs(parser, key);
                case "hotness" -> readHotness(parser);
                case "benchmark" -> benchmark = readBenchmark(parser, keyAt);
                case "classpath" -> classpath = readClasspath(parser);
                case "fixes" -> readFixes(parser);
                case "tests" -> {
                    String value = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                    if (value != null && List.of("hint", "include", "exclude").contains(value)) {
                        tests = Policy.TestSources.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                    } else {
                        problem(parser, "tests must be \"hint\" (test code analysed at hint, the default), \"include\""
                                + " (like main code) or \"exclude\" (not analysed)");
                        parser.skipChildren();
                    }
                }
                default -> {
                    problems.add(new PolicyProblem(line(keyAt), column(keyAt),
                            "unknown key '" + key + "' (known: " + String.join(", ", KEYS) + "); ignored"));
                    parser.skipChildren();
                }
            }
        }
        if (parser.nextToken() != null) {
            problem(parser, "unexpected content after the policy object");
        }
    }

    private void readRules(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, "rules must be an object keyed by rule id");
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String id = parser.currentName();
            JsonLocation idAt = parser.currentTokenLocation();
            parser.nextToken();
            if (!knownRules.contains(id)) {
                problems.add(new PolicyProblem(line(idAt), column(idAt), "unknown rule id '" + id + "'; ignored"));
                parser.skipChildren();
                continue;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                problem(parser, "the settings of " + id + " must be an object like {\"enabled\": false} or {\"severity\": \"error\"}");
                parser.skipChildren();
                continue;
            }
            Boolean enabled = null;
            Severity severity = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonLocation fieldAt = parser.currentTokenLocation();
                JsonToken value = parser.nextToken();
                if (field.equals("enabled") && (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)) {
                    enabled = value == JsonToken.VALUE_TRUE;
                } else if (field.equals("severity") && value == JsonToken.VALUE_STRING
                        && SEVERITIES.contains(parser.getText())) {
                    severity = Severity.valueOf(parser.getText().toUpperCase(Locale.ROOT));
                } else if (field.equals("enabled") || field.equals("severity")) {
                    problem(parser, field.equals("enabled") ? "enabled must be true or false"
                            : "severity must be one of " + String.join(", ", SEVERITIES));
                    parser.skipChildren();
                } else {
                    problems.add(new PolicyProblem(line(fieldAt), column(fieldAt),
                            "unknown rule setting '" + field + "' (known: enabled, severity); ignored"));
                    parser.skipChildren();
                }
            }
            rules.put(id, new Policy.RuleSettings(enabled, severity));
        }
    }

    /** {"thresholdPercent": 5, "noSamplesAsHint": true}: how a loaded profile re-ranks findings. */
    private void readHotness(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, "hotness must be an object like {\"thresholdPercent\": 5, \"noSamplesAsHint\": true}");
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldAt = parser.currentTokenLocation();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "thresholdPercent" -> {
                    boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
                    if (number && parser.getDoubleValue() > 0 && parser.getDoubleValue() <= 100) {
                        hotThresholdPercent = parser.getDoubleValue();
                    } else {
                        problem(parser, "hotness.thresholdPercent must be a number above 0 and at most 100");
                        parser.skipChildren();
                    }
                }
                case "noSamplesAsHint" -> {
                    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        noSamplesAsHint = value == JsonToken.VALUE_TRUE;
                    } else {
                        problem(parser, "hotness.noSamplesAsHint must be true or false");
                        parser.skipChildren();
                    }
                }
                default -> {
                    problems.add(new PolicyProblem(line(fieldAt), column(fieldAt), "unknown hotness setting '" + field
                            + "' (known: thresholdPercent, noSamplesAsHint); ignored"));
                    parser.skipChildren();
                }
            }
        }
    }

    /** The benchmark settings; a wrong value is reported and left at its default, like every other entry. */
    private BenchSettings.Overrides readBenchmark(JsonParser parser, JsonLocation keyAt) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, "benchmark must be an object like {\"mode\": \"quick\", \"forks\": 2}");
            parser.skipChildren();
            return BenchSettings.Overrides.NONE;
        }
        Map<String, Object> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldAt = parser.currentTokenLocation();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "mode" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        values.put(field, parser.getText());
                    } else {
                        problem(parser, "benchmark.mode must be \"quick\" or \"thorough\"");
                        parser.skipChildren();
                    }
                }
                case "profileGc" -> {
                    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        values.put(field, value == JsonToken.VALUE_TRUE);
                    } else {
                        problem(parser, "benchmark.profileGc must be true or false");
                        parser.skipChildren();
                    }
                }
                case "regressionThreshold" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                        values.put(field, parser.getDoubleValue());
                    } else {
                        problem(parser, "benchmark.regressionThreshold must be a number (0.1 = 10%)");
                        parser.skipChildren();
                    }
                }
                case "sizes" -> {
                    List<Integer> sizes = new ArrayList<>();
                    boolean ok = value == JsonToken.START_ARRAY;
                    if (ok) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            ok &= parser.currentToken() == JsonToken.VALUE_NUMBER_INT;
                            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                                sizes.add(parser.getIntValue());
                            }
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                    if (ok) {
                        values.put(field, sizes);
                    } else {
                        problems.add(new PolicyProblem(line(fieldAt), column(fieldAt),
                                "benchmark.sizes must be an array of whole numbers, like [10, 1000, 100000]"));
                    }
                }
                case "classpath" -> values.put(field, readGlobs(parser, "benchmark.classpath"));
                default -> {
                    if (BenchSettings.Overrides.KEYS.contains(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        values.put(field, parser.getIntValue());
                    } else if (BenchSettings.Overrides.KEYS.contains(field)) {
                        problem(parser, "benchmark." + field + " must be a whole number");
                        parser.skipChildren();
                    } else {
                        problems.add(new PolicyProblem(line(fieldAt), column(fieldAt), "unknown benchmark setting '"
                                + field + "' (known: " + String.join(", ", BenchSettings.Overrides.KEYS) + "); ignored"));
                        parser.skipChildren();
                    }
                }
            }
        }
        @SuppressWarnings("unchecked")
        BenchSettings.Overrides overrides = new BenchSettings.Overrides((String) values.get("mode"),
                (Integer) values.get("forks"), (Integer) values.get("warmupIterations"),
                (Integer) values.get("warmupMillis"), (Integer) values.get("measurementIterations"),
                (Integer) values.get("iterationMillis"), (List<Integer>) values.get("sizes"),
                (Integer) values.get("maxCallMillis"), (Integer) values.get("maxHeapMb"),
                (Integer) values.get("timeoutSeconds"), (Boolean) values.get("profileGc"),
                (Double) values.get("regressionThreshold"), (List<String>) values.get("classpath"));
        for (String wrong : overrides.problems()) {
            problems.add(new PolicyProblem(line(keyAt), column(keyAt), "benchmark." + wrong + "; the default is used"));
        }
        return overrides;
    }

    /** ["lib/*", "build/classes"]: jars and class folders for binding resolution, relative to the folder. */
    private List<Path> readClasspath(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem(parser, "classpath must be an array of paths (jars, class folders, or 'folder/*')");
            parser.skipChildren();
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
                problem(parser, "classpath entries must be non-empty path strings");
                parser.skipChildren();
                continue;
            }
            List<String> missing = new ArrayList<>();
            entries.addAll(WorkspaceClasspath.entries(root, List.of(parser.getText()), missing));
            for (String entry : missing) {
                problem(parser, "classpath entry '" + entry + "' does not exist; ignored");
            }
        }
        return entries;
    }

    /** {@code "fixes": {"deny": ["introduce-static-field", ...]}}: kinds of fix never offered. */
    private void readFixes(JsonParser parser) throws IOException {
        String known = java.util.Arrays.stream(dev.perflens.engine.fix.FixKind.values())
                .map(dev.perflens.engine.fix.FixKind::id).collect(java.util.stream.Collectors.joining(", "));
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, "fixes must be an object, e.g. {\"deny\": [\"introduce-static-field\"]}");
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (!key.equals("deny")) {
                problem(parser, "unknown key 'fixes." + key + "' (known: deny); ignored");
                parser.skipChildren();
                continue;
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                problem(parser, "fixes.deny must be an array of fix kinds (" + known + ")");
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String id = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                java.util.Optional<dev.perflens.engine.fix.FixKind> kind = id == null ? java.util.Optional.empty()
                        : dev.perflens.engine.fix.FixKind.byId(id);
                if (kind.isPresent()) {
                    deniedFixes.add(kind.get());
                } else {
                    problem(parser, "unknown fix kind " + (id == null ? parser.getText() : "'" + id + "'") + " (known: "
                            + known + "); ignored");
                    parser.skipChildren();
                }
            }
        }
    }

    private List<String> readGlobs(JsonParser parser, String key) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem(parser, key + " must be an array of glob strings");
            parser.skipChildren();
            return List.of();
        }
        List<String> globs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                problem(parser, key + " entries must be glob strings");
                parser.skipChildren();
                continue;
            }
            String glob = parser.getText();
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
                globs.add(glob);
            } catch (IllegalArgumentException e) {
                problem(parser, "invalid glob '" + glob + "': " + e.getMessage());
            }
        }
        return globs;
    }

    private void problem(JsonParser parser, String message) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(new PolicyProblem(line(at), column(at), message));
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr() - 1);
    }

    private static int column(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getColumnNr() - 1);
    }
}
