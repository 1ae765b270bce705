package dev.perflens.lsp.workspace;

import dev.perflens.engine.workspace.BuildToolPolicy;
import dev.perflens.engine.workspace.GradleBuild;
import dev.perflens.engine.workspace.MavenClasspath;
import dev.perflens.engine.workspace.MavenProject;
import dev.perflens.engine.workspace.WorkspaceClasspath;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.ServerSettings;
import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.analysis.WorkspaceAnalysis;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.benchmark.WorkDoneProgress;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.lsp.policy.PolicyService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Each workspace folder's classpath: for a pom.xml project the jars Maven resolves (in the
 * background, one folder at a time, with progress) when the folder is trusted, or the declared
 * coordinates found in the local repository when it is not (nothing runs; the user is asked once
 * whether to trust the folder); the {@code perflens.classpath} setting and the {@code classpath} key
 * of {@code .perflens.json}. Until Maven answers, and when it cannot, analysis runs with what is
 * known; the open files are analysed again once it has answered.
 */
@Singleton
public final class ClasspathService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClasspathService.class.getName());

    /** What is known about a folder's classpath; {@code incomplete} says why types may not resolve, or is null. */
    public record State(List<Path> maven, boolean resolving, String incomplete) {
    }

    private final WorkspaceRoots roots;
    private final ServerSettings settings;
    private final PolicyService policies;
    private final DocumentStore documents;
    private final DiagnosticsPublisher diagnostics;
    private final ClientSession session;
    private final Map<Path, State> states = new ConcurrentHashMap<>();
    private final ExecutorService resolver = Executors.newSingleThreadExecutor(dev.perflens.lsp.DaemonThreads.lowPriority("perflens-classpath"));

    private final WorkspaceAnalysis workspace;
    private final WorkspaceTrust trust;

    @Inject
    public ClasspathService(WorkspaceRoots roots, ServerSettings settings, PolicyService policies,
                            DocumentStore documents, DiagnosticsPublisher diagnostics, ClientSession session,
                            WorkspaceAnalysis workspace, WorkspaceTrust trust) {
        this.workspace = workspace;
        this.trust = trust;
        this.roots = roots;
        this.settings = settings;
        this.policies = policies;
        this.documents = documents;
        this.diagnostics = diagnostics;
        this.session = session;
    }

    /** Why types of {@code file} may be unresolved (Maven still resolving or failed, no classpath), or empty. */
    public Optional<String> incompleteReason(Path file) {
        return roots.rootOf(file).map(states::get).map(State::incomplete);
    }

    /** A build file changed (or was saved) in a workspace folder: its layout and classpath are read again. */
    public void pomChanged(Path pom) {
        roots.rootOf(pom).ifPresent(root -> {
            roots.rediscover(root);
            resolveAsync(root);
        });
    }

    /** pom.xml, a Gradle build or settings file, the version catalog or gradle.properties. */
    public static boolean isPom(Path path) {
        if (path.getFileName() == null) {
            return false;
        }
        String name = path.getFileName().toString();
        return name.equals(MavenProject.POM) || GradleBuild.BUILD.contains(name) || GradleBuild.SETTINGS.contains(name)
                || name.equals("libs.versions.toml") || name.equals("gradle.properties");
    }

    private static boolean hasBuild(Path root) {
        return MavenProject.isMaven(root) || GradleBuild.isGradle(root);
    }

    /** Resolves the folder's Maven classpath in the background (a no-op for other folders), then re-checks its files. */
    public void resolveAsync(Path root) {
        boolean maven = hasBuild(root);
        states.put(root, new State(currentMaven(root), maven,
                maven ? "the classpath is being resolved" : noClasspathReason(root)));
        apply(root);
        if (!maven) {
            workspace.start(root);
            return;
        }
        resolver.execute(() -> resolve(root));
    }

    /** The settings or the policy changed: the same Maven entries with the new extra entries. */
    public void refresh(Path root) {
        State state = states.get(root);
        if (state == null || !hasBuild(root)) {
            states.put(root, new State(List.of(), false, noClasspathReason(root)));
        }
        apply(root);
        recheck(root);
    }

    private List<Path> currentMaven(Path root) {
        State state = states.get(root);
        return state == null ? List.of() : state.maven();
    }

    private void resolve(Path root) {
        if (!roots.all().contains(root)) {
            return; // the folder was closed meanwhile
        }
        LanguageClient client = session.client();
        MavenProject project = MavenProject.read(root);
        BuildToolPolicy policy = trust.buildTools(root);
        // progress only when Maven will run: not for a cached classpath, poms without dependencies or an untrusted folder
        WorkDoneProgress progress = !MavenClasspath.wouldRun(project, policy) ? WorkDoneProgress.none()
                : WorkDoneProgress.open(client, null, session.features().workDoneProgress(),
                        "perflens-classpath-" + root.hashCode() + "-" + System.nanoTime());
        progress.begin("Perflens: Maven classpath", "reading " + root.getFileName() + "/pom.xml", false);
        WorkspaceClasspath.Resolved resolved;
        try {
            resolved = WorkspaceClasspath.resolve(root, message -> progress.report(message, 10), policy);
        } catch (RuntimeException e) {
            resolved = new WorkspaceClasspath.Resolved(List.of(), Optional.empty(), e.toString());
        }
        String line = resolved.summary().orElse("");
        progress.end(line);
        LOG.info(root + ": " + line);
        String incomplete = resolved.error() == null ? null
                : (policy == BuildToolPolicy.NONE ? "the classpath of " + root.getFileName() + " is partial: "
                : MavenProject.isMaven(root) ? "Maven could not resolve the classpath of " + root.getFileName() + ": "
                : "the classpath of " + root.getFileName() + " is partial: ") + resolved.error();
        states.put(root, new State(resolved.entries(), false, incomplete));
        apply(root);
        recheck(root);
        if (!resolved.notes().isEmpty()) {
            // something was not run because the folder is untrusted: say so once, and offer to trust it
            trust.offerOnce(root, "Perflens: " + root.getFileName() + " is not trusted, so nothing of it was run ("
                    + String.join("; ", resolved.notes()) + "). Analysing its sources with the JDK and "
                    + resolved.entries().size() + " jars found in the local repository"
                    + (resolved.missing().isEmpty() ? "" : "; not found: " + String.join(", ", resolved.missing()))
                    + ". Trust the folder to resolve its classpath with its build (this runs its Maven build or ./mvnw).")
                    .thenAcceptAsync(granted -> { // off the connection's reader thread, which delivers the answer
                        if (granted) {
                            resolveAsync(root);
                        }
                    }, resolver);
        } else if (incomplete != null && client != null) {
            client.showMessage(new MessageParams(MessageType.Warning, "Perflens: " + incomplete + ". Using the "
                    + resolved.entries().size() + " entries that were found (" + line + ")."
                    + " Set perflens.classpath or \"classpath\" in .perflens.json to give the jars yourself."));
        }
    }

    /** The client's trust changed: every Maven folder is resolved again with what may now run. */
    public void trustChanged() {
        if (!settings.workspaceTrusted()) {
            trust.revokeSessionGrants();
        }
        roots.all().forEach(this::resolveAsync);
    }

    private String noClasspathReason(Path root) {
        return extraEntries(root).isEmpty()
                ? "no classpath is known for " + root.getFileName()
                + " (no pom.xml or Gradle build; set perflens.classpath or \"classpath\" in .perflens.json)"
                : null;
    }

    private List<Path> extraEntries(Path root) {
        List<String> missing = new ArrayList<>();
        List<Path> entries = new ArrayList<>(WorkspaceClasspath.entries(root, settings.classpath(), missing));
        missing.forEach(entry -> LOG.warning("perflens.classpath entry '" + entry + "' does not exist in " + root));
        entries.addAll(policies.classpathOf(root));
        return entries;
    }

    private void apply(Path root) {
        LinkedHashSet<Path> entries = new LinkedHashSet<>(currentMaven(root));
        entries.addAll(extraEntries(root));
        roots.setClasspath(root, new ArrayList<>(entries));
    }

    /** The open files of the folder now, then the rest in the background. */
    private void recheck(Path root) {
        for (OpenDocument document : documents.all()) {
            if (document.path().startsWith(root)) {
                diagnostics.schedule(document);
            }
        }
        workspace.start(root);
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }
}
