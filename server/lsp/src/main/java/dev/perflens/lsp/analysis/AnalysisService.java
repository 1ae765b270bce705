package dev.perflens.lsp.analysis;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.ProposedFix;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.rank.ProfileRanker;
import dev.perflens.lsp.policy.PolicyService;
import dev.perflens.lsp.profiles.ProfileService;
import java.util.List;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the engine on open documents, re-ranks the findings by the loaded profiles, and remembers
 * the latest result per document, so code actions on the version the diagnostics came from do
 * not analyse it again.
 */
@Singleton
public final class AnalysisService {
    private record Cached(int version, String text, Policy policy, long profiles, ParseEnvironment environment,
                          FileAnalysis analysis) {
    }

    private final Engine engine;
    private final WorkspaceRoots roots;
    private final PolicyService policies;
    private final ProfileService profiles;
    private final Map<String, Cached> latest = new ConcurrentHashMap<>();

    @Inject
    public AnalysisService(Engine engine, WorkspaceRoots roots, PolicyService policies, ProfileService profiles) {
        this.engine = engine;
        this.roots = roots;
        this.policies = policies;
        this.profiles = profiles;
    }

    public Policy policyFor(OpenDocument document) {
        return policies.policyFor(document.path());
    }

    /** Analyses of open documents and requests running now; the background pass waits while any runs. */
    private final java.util.concurrent.atomic.AtomicInteger foreground = new java.util.concurrent.atomic.AtomicInteger();

    public boolean foregroundBusy() {
        return foreground.get() > 0;
    }

    public FileAnalysis analyze(OpenDocument document, Cancellation cancellation) {
        foreground.incrementAndGet();
        try {
            return analyzeOpen(document, cancellation);
        } finally {
            foreground.decrementAndGet();
        }
    }

    private FileAnalysis analyzeOpen(OpenDocument document, Cancellation cancellation) {
        Policy policy = policyFor(document);
        long generation = profiles.generation();
        ParseEnvironment environment = roots.environmentFor(document.path());
        Cached cached = latest.get(document.uri());
        if (cached != null && cached.version() == document.version() && cached.text().equals(document.text())
                && cached.policy().equals(policy) && cached.profiles() == generation
                && cached.environment().equals(environment)) {
            return cached.analysis();
        }
        FileAnalysis analysis = analyzeText(document.path(), document.text(), environment, policy, cancellation);
        latest.put(document.uri(), new Cached(document.version(), document.text(), policy, generation, environment,
                analysis));
        return analysis;
    }

    /** Analyses a file that is not open (its text as on disk), ranked by the loaded profiles; not cached. */
    public FileAnalysis analyzeClosed(java.nio.file.Path file, String text, Cancellation cancellation) {
        return analyzeText(file, text, roots.environmentFor(file), policies.policyFor(file), cancellation);
    }

    private FileAnalysis analyzeText(java.nio.file.Path file, String text, ParseEnvironment environment, Policy policy,
                                     Cancellation cancellation) {
        FileAnalysis analysis = engine.analyze(file, text, environment, policy, cancellation);
        Optional<HotnessIndex> index = profiles.indexFor(file);
        if (index.isPresent() && !policy.isExcluded(file)) {
            cancellation.checkCanceled();
            List<Finding> ranked = new ProfileRanker(index.get(), engine.registry().metadata())
                    .rank(file, text, analysis.findings(), policy);
            analysis = analysis.withFindings(ranked);
        }
        return analysis;
    }

    public Optional<ProposedFix> fix(OpenDocument document, String findingKey, Cancellation cancellation) {
        return engine.computeFix(document.path(), document.text(), roots.environmentFor(document.path()),
                policyFor(document), findingKey, cancellation);
    }

    /** Loads the compiler and the JDK's types once; see {@link Engine#warmUp()}. */
    public void warmUp() {
        engine.warmUp();
    }

    public void forget(String uri) {
        latest.remove(uri);
    }
}
