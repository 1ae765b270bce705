package dev.perflens.lsp.policy;

import dev.perflens.engine.policy.Policy;
import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Applies a changed {@code .perflens.json}: reads it again, shows its problems on the file
 * itself, and re-analyses the open documents of that folder under the new policy.
 */
public final class PolicyReloader {
    private static final Logger LOG = Logger.getLogger(PolicyReloader.class.getName());
    private final PolicyService policies;
    private final DiagnosticsPublisher diagnostics;
    private final jakarta.inject.Provider<dev.perflens.lsp.workspace.ClasspathService> classpaths;

    @Inject
    public PolicyReloader(PolicyService policies, DiagnosticsPublisher diagnostics,
                          jakarta.inject.Provider<dev.perflens.lsp.workspace.ClasspathService> classpaths) {
        this.classpaths = classpaths;
        this.policies = policies;
        this.diagnostics = diagnostics;
    }

    public void reload(Path root) {
        PolicyLoader.Loaded loaded = policies.reload(root);
        Path file = root.resolve(Policy.FILE_NAME);
        diagnostics.publishPolicyProblems(file.toUri().toString(), loaded.problems());
        if (!loaded.problems().isEmpty()) {
            LOG.warning(file + ": " + loaded.problems().size() + " problem(s), first: " + loaded.problems().get(0).message());
        }
        // the policy's classpath key may have changed; this also re-checks the folder's open files
        classpaths.get().refresh(root);
    }
}
