package dev.perflens.engine.policy;

import dev.perflens.engine.Severity;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team's policy for one workspace root, as read from its {@code .perflens.json}: which rules
 * run and how loudly, how large a fix may be to be offered as a one-click action, where no
 * fix is offered, and which files are not analysed. Plain values; reading JSON is the server's job.
 *
 * @param root           the folder the globs are relative to
 * @param rules          per-rule settings by rule id
 * @param maxFixLines    a fix touching more lines is offered as a preview only; null for no limit
 * @param protectedPaths globs (relative to root) where no fix is offered
 * @param exclude        globs (relative to root) of files that are not analysed
 * @param hotness        how a loaded profile re-ranks findings
 * @param tests          how test sources are analysed
 * @param deniedFixes    kinds of fix the team does not accept ({@link dev.perflens.engine.fix.FixKind}): never offered
 */
public record Policy(Path root, Map<String, RuleSettings> rules, Integer maxFixLines, List<String> protectedPaths,
                     List<String> exclude, Hotness hotness, TestSources tests,
                     java.util.Set<dev.perflens.engine.fix.FixKind> deniedFixes) {

    /** How test code is analysed: at hint (the default), like main code, or not at all. */
    public enum TestSources {
        HINT, INCLUDE, EXCLUDE;

        public String lowerCase() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A rule's settings; null fields keep the rule's defaults. */
    public record RuleSettings(Boolean enabled, Severity severity) {
    }

    public static final String FILE_NAME = ".perflens.json";

    public Policy {
        rules = Map.copyOf(rules);
        protectedPaths = List.copyOf(protectedPaths);
        exclude = List.copyOf(exclude);
        hotness = hotness == null ? Hotness.DEFAULTS : hotness;
        tests = tests == null ? TestSources.HINT : tests;
        deniedFixes = deniedFixes == null ? java.util.Set.of() : java.util.Set.copyOf(deniedFixes);
    }

    public Policy(Path root, Map<String, RuleSettings> rules, Integer maxFixLines, List<String> protectedPaths,
                  List<String> exclude, Hotness hotness, TestSources tests) {
        this(root, rules, maxFixLines, protectedPaths, exclude, hotness, tests, java.util.Set.of());
    }

    /** A policy with test sources analysed at hint. */
    public Policy(Path root, Map<String, RuleSettings> rules, Integer maxFixLines, List<String> protectedPaths,
                  List<String> exclude, Hotness hotness) {
        this(root, rules, maxFixLines, protectedPaths, exclude, hotness, TestSources.HINT);
    }

    /** The same policy with test sources analysed as {@code tests} says. */
    public Policy withTests(TestSources tests) {
        return new Policy(root, rules, maxFixLines, protectedPaths, exclude, hotness, tests, deniedFixes);
    }

    /** Whether the team's policy withholds fixes of this kind. */
    public boolean deniesFix(dev.perflens.engine.fix.FixKind kind) {
        return deniedFixes.contains(kind);
    }

    /** A policy with the default profile ranking. */
    public Policy(Path root, Map<String, RuleSettings> rules, Integer maxFixLines, List<String> protectedPaths,
                  List<String> exclude) {
        this(root, rules, maxFixLines, protectedPaths, exclude, Hotness.DEFAULTS, TestSources.HINT);
    }

    /** No policy file: every rule at its default, no limits. */
    public static Policy defaults(Path root) {
        return new Policy(root, Map.of(), null, List.of(), List.of(), Hotness.DEFAULTS, TestSources.HINT);
    }

    public boolean isEnabled(String ruleId) {
        RuleSettings settings = rules.get(ruleId);
        return settings == null || settings.enabled() == null || settings.enabled();
    }

    public Severity severity(String ruleId, Severity fallback) {
        return setsSeverity(ruleId) ? rules.get(ruleId).severity() : fallback;
    }

    /** Whether the team policy sets this rule's severity explicitly (then nothing else changes it). */
    public boolean setsSeverity(String ruleId) {
        RuleSettings settings = rules.get(ruleId);
        return settings != null && settings.severity() != null;
    }

    public boolean isExcluded(Path file) {
        return firstMatch(exclude, file).isPresent();
    }

    /** The protectedPaths glob that covers {@code file}, if any. */
    public Optional<String> protectingGlob(Path file) {
        return firstMatch(protectedPaths, file);
    }

    private Optional<String> firstMatch(List<String> globs, Path file) {
        if (globs.isEmpty() || root == null) {
            return Optional.empty();
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            return Optional.empty();
        }
        Path relative = root.relativize(absolute);
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(relative)) {
                return Optional.of(glob);
            }
        }
        return Optional.empty();
    }
}
