package dev.perflens.lsp.analysis;

import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.lsp.document.DocumentStore;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;

/** The workspace folders the client opened, each with its discovered source roots. */
@Singleton
public final class WorkspaceRoots {
    private static final Logger LOG = Logger.getLogger(WorkspaceRoots.class.getName());
    private final Map<Path, ProjectLayout> layouts = new ConcurrentHashMap<>();
    private final Map<Path, List<Path>> classpaths = new ConcurrentHashMap<>();

    @SuppressWarnings("deprecation") // rootUri/rootPath: older clients send only these
    public void initialize(InitializeParams params) {
        List<WorkspaceFolder> folders = params.getWorkspaceFolders();
        if (folders != null && !folders.isEmpty()) {
            folders.forEach(folder -> add(folder.getUri()));
        } else if (params.getRootUri() != null) {
            add(params.getRootUri());
        } else if (params.getRootPath() != null) {
            add(Path.of(params.getRootPath()).toUri().toString());
        }
    }

    public void add(String uri) {
        Path root = DocumentStore.toPath(uri);
        if (!Files.isDirectory(root)) {
            LOG.warning("workspace folder is not a directory, ignored: " + uri);
            return;
        }
        try {
            ProjectLayout layout = ProjectLayout.discover(root);
            layouts.put(root, layout);
            LOG.info("workspace folder " + root + ": source roots " + layout.sourceRoots());
        } catch (RuntimeException e) {
            LOG.warning("cannot read workspace folder " + root + ": " + e.getMessage());
        }
    }

    public void remove(String uri) {
        layouts.remove(DocumentStore.toPath(uri));
        classpaths.remove(DocumentStore.toPath(uri));
    }

    /** Reads a folder's layout again (a pom.xml changed: modules or source folders may have). */
    public void rediscover(Path root) {
        if (layouts.containsKey(root)) {
            add(root.toUri().toString());
        }
    }

    /** The jars and class folders bindings of {@code root} resolve against (Maven's, the settings', the policy's). */
    public void setClasspath(Path root, List<Path> entries) {
        classpaths.put(root, List.copyOf(entries));
    }

    public List<Path> classpath(Path root) {
        return classpaths.getOrDefault(root, List.of());
    }

    public java.util.Set<Path> all() {
        return java.util.Set.copyOf(layouts.keySet());
    }

    /** The folder that holds {@code file} (the innermost one), if any. */
    public java.util.Optional<Path> rootOf(Path file) {
        return layouts.keySet().stream().filter(file::startsWith)
                .max(Comparator.comparingInt(Path::getNameCount));
    }

    /** The discovered layout of a workspace folder. */
    public java.util.Optional<ProjectLayout> layout(Path root) {
        return java.util.Optional.ofNullable(layouts.get(root));
    }

    /** Bindings for {@code file} resolve against its workspace folder's source roots and classpath, or the JDK alone. */
    public ParseEnvironment environmentFor(Path file) {
        return rootOf(file).map(root -> ParseEnvironment.of(layouts.get(root), classpath(root)))
                .orElseGet(ParseEnvironment::jdkOnly);
    }
}
