package dev.perflens.lsp.policy;

import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.rule.RuleRegistry;
import dev.perflens.evidence.rank.ProfileRanker;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The policy in force for each workspace folder, read on first use and again when the file changes. */
@Singleton
public final class PolicyService {
    private final WorkspaceRoots roots;
    private final Set<String> knownRules;
    private final Map<Path, PolicyLoader.Loaded> byRoot = new ConcurrentHashMap<>();

    @Inject
    public PolicyService(WorkspaceRoots roots, RuleRegistry registry) {
        this.roots = roots;
        this.knownRules = knownRuleIds(registry);
    }

    /** The rule ids a policy may name: the registered rules and hot-method, which a loaded profile reports. */
    public static Set<String> knownRuleIds(RuleRegistry registry) {
        Set<String> ids = new java.util.TreeSet<>(registry.metadata().stream().map(RuleMetadata::id).collect(Collectors.toSet()));
        ids.add(ProfileRanker.HOT_METHOD);
        return Set.copyOf(ids);
    }

    public Policy policyFor(Path file) {
        return roots.rootOf(file).map(root -> byRoot.computeIfAbsent(root, this::load).policy())
                .orElseGet(() -> Policy.defaults(null));
    }

    /** The benchmark settings of the folder that holds {@code file} (none set when there is no policy file). */
    public dev.perflens.bench.BenchSettings.Overrides benchmarkSettingsFor(Path file) {
        return roots.rootOf(file).map(root -> byRoot.computeIfAbsent(root, this::load).benchmark())
                .orElse(dev.perflens.bench.BenchSettings.Overrides.NONE);
    }

    /** The {@code classpath} entries of the policy of {@code root} (absolute, existing). */
    public java.util.List<Path> classpathOf(Path root) {
        return byRoot.computeIfAbsent(root, this::load).classpath();
    }

    /** Reads the policy of {@code root} again; the result says what is wrong with the file, if anything. */
    public PolicyLoader.Loaded reload(Path root) {
        PolicyLoader.Loaded loaded = load(root);
        byRoot.put(root, loaded);
        return loaded;
    }

    private PolicyLoader.Loaded load(Path root) {
        return PolicyLoader.load(root, knownRules);
    }

    public static boolean isPolicyFile(Path path) {
        return path.getFileName() != null && path.getFileName().toString().equals(Policy.FILE_NAME);
    }
}
