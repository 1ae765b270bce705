package dev.perflens.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Settings the client can pass in {@code initializationOptions} as {@code {"perflens": {...}}},
 * the same shape as the {@code perflens} configuration section.
 */
@jakarta.inject.Singleton
public final class ServerSettings {
    public static final long DEFAULT_DEBOUNCE_MS = 150;
    private volatile long debounceMs = DEFAULT_DEBOUNCE_MS;
    private volatile long timeBudgetMs = 2000;
    private volatile boolean workspaceAnalysis = true;
    private volatile String logLevel = "info";
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public long timeBudgetMs() {
        return timeBudgetMs;
    }

    /** Whether files that are not open are analysed in the background ({@code perflens.analysis.workspace}). */
    public boolean workspaceAnalysis() {
        return workspaceAnalysis;
    }

    /** "error", "warning", "info" or "debug": what the server sends as window/logMessage. */
    public String logLevel() {
        return logLevel;
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
    private volatile java.util.List<String> profiles = java.util.List.of();

    public long debounceMs() {
        return debounceMs;
    }

    /**
     * Profile files to load: paths or globs, relative to each workspace folder or absolute
     * ({@code perflens.profiles}). Profiles in {@code .perflens/profiles/} load without it.
     */
    public java.util.List<String> profiles() {
        return profiles;
    }

    private volatile java.util.List<String> classpath = java.util.List.of();

    /**
     * Jars and class folders for binding resolution ({@code perflens.classpath}), relative to each
     * workspace folder or absolute; added to what Maven resolves and what {@code .perflens.json} lists.
     */
    public java.util.List<String> classpath() {
        return classpath;
    }

    private volatile boolean trusted = false;
    private volatile boolean trustPrompt = true;

    /**
     * Whether the client says the workspace is trusted ({@code perflens.workspace.trusted}, default
     * false): only then may the server run the folder's build tool or wrapper.
     */
    public boolean workspaceTrusted() {
        return trusted;
    }

    /**
     * Whether the server asks, once per untrusted folder, to trust it ({@code perflens.workspace.trustPrompt},
     * default true); a client that asks the user itself turns it off.
     */
    public boolean trustPrompt() {
        return trustPrompt;
    }

    /** Reads what it knows from the options; unknown keys and wrong types leave defaults in force. */
    public void update(Object initializationOptions) {
        if (!(initializationOptions instanceof JsonObject root) || !(root.get("perflens") instanceof JsonObject perflens)) {
            return;
        }
        if (perflens.get("analysis") instanceof JsonObject analysis) {
            JsonElement debounce = analysis.get("debounceMs");
            if (debounce != null && debounce.isJsonPrimitive() && debounce.getAsJsonPrimitive().isNumber()) {
                debounceMs = Math.max(0, Math.min(10_000, debounce.getAsLong()));
            }
            JsonElement workspace = analysis.get("workspace");
            if (workspace != null && workspace.isJsonPrimitive() && workspace.getAsJsonPrimitive().isBoolean()) {
                workspaceAnalysis = workspace.getAsBoolean();
            }
            JsonElement budget = analysis.get("timeBudgetMs");
            if (budget != null && budget.isJsonPrimitive() && budget.getAsJsonPrimitive().isNumber()) {
                timeBudgetMs = Math.max(100, Math.min(600_000, budget.getAsLong()));
            }
        }
        strings(perflens.get("profiles")).ifPresent(globs -> profiles = globs);
        strings(perflens.get("classpath")).ifPresent(entries -> classpath = entries);
        if (perflens.get("workspace") instanceof JsonObject workspace) {
            JsonElement value = workspace.get("trusted");
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
                trusted = value.getAsBoolean();
            }
            JsonElement prompt = workspace.get("trustPrompt");
            if (prompt != null && prompt.isJsonPrimitive() && prompt.getAsJsonPrimitive().isBoolean()) {
                trustPrompt = prompt.getAsBoolean();
            }
        }
        if (perflens.get("log") instanceof JsonObject log) {
            JsonElement level = log.get("level");
            if (level != null && level.isJsonPrimitive()
                    && java.util.List.of("error", "warning", "info", "debug").contains(level.getAsString())) {
                logLevel = level.getAsString();
            }
        }
        listeners.forEach(Runnable::run);
    }

    /** The non-blank strings of a JSON array; empty when the value is not an array. */
    private static java.util.Optional<java.util.List<String>> strings(JsonElement value) {
        if (value == null || !value.isJsonArray()) {
            return java.util.Optional.empty();
        }
        java.util.List<String> strings = new java.util.ArrayList<>();
        for (JsonElement entry : value.getAsJsonArray()) {
            if (entry.isJsonPrimitive() && entry.getAsJsonPrimitive().isString() && !entry.getAsString().isBlank()) {
                strings.add(entry.getAsString());
            }
        }
        return java.util.Optional.of(java.util.List.copyOf(strings));
    }
}
