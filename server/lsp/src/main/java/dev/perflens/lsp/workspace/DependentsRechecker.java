package dev.perflens.lsp.workspace;

import dev.perflens.engine.workspace.TypeSignatures;
import dev.perflens.lsp.analysis.AnalysisService;
import dev.perflens.lsp.analysis.DiagnosticsPublisher;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Re-checks the open files that use a saved file's types when its signatures (types, non-private
 * members' declarations) changed: their bindings resolve against the saved file on disk, so their
 * findings may change with it. A save that changes only method bodies re-checks nothing else.
 */
@Singleton
public final class DependentsRechecker {
    private static final Logger LOG = Logger.getLogger(DependentsRechecker.class.getName());
    private final DocumentStore documents;
    private final AnalysisService analysis;
    private final DiagnosticsPublisher diagnostics;
    private final WorkspaceRoots roots;
    /** The signatures of each open file as last opened or saved, i.e. as other files see it on disk. */
    private final Map<String, TypeSignatures> onDisk = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(dev.perflens.lsp.DaemonThreads.lowPriority("perflens-dependents"));

    @Inject
    public DependentsRechecker(DocumentStore documents, AnalysisService analysis, DiagnosticsPublisher diagnostics,
                               WorkspaceRoots roots) {
        this.documents = documents;
        this.analysis = analysis;
        this.diagnostics = diagnostics;
        this.roots = roots;
    }

    public void opened(OpenDocument document) {
        if (document.isJava()) {
            worker.execute(() -> signatures(document).ifPresent(s -> onDisk.put(document.uri(), s)));
        }
    }

    public void closed(String uri) {
        onDisk.remove(uri);
    }

    /** After a save: if what other files see changed, the open files that name its types are analysed again. */
    public void saved(OpenDocument document) {
        if (!document.isJava()) {
            return;
        }
        worker.execute(() -> {
            Optional<TypeSignatures> now = signatures(document);
            if (now.isEmpty()) {
                return;
            }
            TypeSignatures before = onDisk.put(document.uri(), now.get());
            if (before == null || before.equals(now.get())) {
                return;
            }
            Set<String> names = new LinkedHashSet<>(before.typeNames());
            names.addAll(now.get().typeNames());
            List<OpenDocument> dependents = dependents(document, names);
            LOG.info(() -> document.path().getFileName() + ": signatures changed on save; re-checking "
                    + dependents.size() + " open file(s) that use " + names);
            for (OpenDocument dependent : dependents) {
                analysis.forget(dependent.uri()); // same text, but what it resolves against changed
                diagnostics.schedule(dependent);
            }
        });
    }

    private List<OpenDocument> dependents(OpenDocument saved, Set<String> typeNames) {
        Optional<Path> root = roots.rootOf(saved.path());
        Pattern uses = Pattern.compile("\\b(" + String.join("|", typeNames.stream().map(Pattern::quote).toList()) + ")\\b");
        return documents.all().stream()
                .filter(other -> other.isJava() && !other.uri().equals(saved.uri()))
                .filter(other -> root.isEmpty() || other.path().startsWith(root.get()))
                .filter(other -> !typeNames.isEmpty() && uses.matcher(other.text()).find())
                .toList();
    }

    private static Optional<TypeSignatures> signatures(OpenDocument document) {
        try {
            return Optional.of(TypeSignatures.of(document.text()));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.FINE, "no signatures for " + document.uri(), e);
            return Optional.empty();
        }
    }
}
