package dev.perflens.lsp.handlers;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.FindingOrder;
import dev.perflens.engine.text.TextRange;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.rank.ProfileRanker;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.analysis.AnalysisService;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.lsp.profiles.ProfileViews;
import dev.perflens.protocol.Hotspot;
import dev.perflens.protocol.HotspotFinding;
import dev.perflens.protocol.HotspotsParams;
import dev.perflens.protocol.HotspotsResult;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** {@code perflens/hotspots}: the hottest workspace methods of the loaded profiles, over all workspace folders. */
public final class HotspotsHandler {
    static final int DEFAULT_LIMIT = 10;
    private final ProfileService profiles;
    private final WorkspaceRoots roots;

    private final AnalysisService analysis;
    private final DocumentStore documents;

    @Inject
    public HotspotsHandler(ProfileService profiles, WorkspaceRoots roots, AnalysisService analysis,
                           DocumentStore documents) {
        this.profiles = profiles;
        this.roots = roots;
        this.analysis = analysis;
        this.documents = documents;
    }

    public HotspotsResult handle(HotspotsParams params) {
        return handle(params, Cancellation.NONE);
    }

    /** The hottest methods, each with the findings inside it ordered by expected saving. */
    public HotspotsResult handle(HotspotsParams params, Cancellation cancellation) {
        String metricName = params == null ? null : params.getMetric();
        Metric metric = ProfileViews.metric(metricName).orElseThrow(() -> new ResponseErrorException(new ResponseError(
                ResponseErrorCode.InvalidParams, "metric must be cpu, allocation or lock, not '" + metricName + "'", null)));
        int limit = params == null || params.getLimit() == null ? DEFAULT_LIMIT : Math.max(1, Math.min(1000, params.getLimit()));

        record Candidate(MethodHotness method, HotnessIndex index) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (var root : roots.all()) {
            profiles.indexOfRoot(root).ifPresent(index ->
                    index.hotspots(metric, limit).forEach(method -> candidates.add(new Candidate(method, index))));
        }
        candidates.sort(Comparator.comparingLong((Candidate c) -> c.method().weights().selfWeight(metric)).reversed()
                .thenComparing(Comparator.comparingLong((Candidate c) -> c.method().weights().totalWeight(metric)).reversed()));
        Set<String> seen = new HashSet<>();
        Map<Path, FileAnalysis> analyses = new HashMap<>();
        List<Hotspot> hotspots = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (hotspots.size() < limit && seen.add(candidate.method().file() + "#" + candidate.method().declaration().key())) {
                Hotspot hotspot = ProfileViews.hotspot(candidate.method(), metric, candidate.index());
                hotspot.setFindings(findingsIn(candidate.method(), analyses, cancellation));
                hotspots.add(hotspot);
            }
        }
        HotspotsResult result = new HotspotsResult();
        result.setMetric(ProfileViews.metricName(metric));
        result.setProfiles(profiles.profiles().stream().map(ProfileViews::summary).toList());
        result.setTotalSamples(profiles.profiles().stream().mapToLong(p -> p.totalEvents(metric)).sum());
        result.setHotspots(hotspots);
        return result;
    }

    /** The findings inside a method's declaration, from the open document's text or the file on disk. */
    private List<HotspotFinding> findingsIn(MethodHotness method, Map<Path, FileAnalysis> analyses,
                                            Cancellation cancellation) {
        FileAnalysis fileAnalysis = analyses.computeIfAbsent(method.file(), file -> {
            cancellation.checkCanceled();
            var open = documents.get(file.toUri().toString());
            if (open.isPresent()) {
                return analysis.analyze(open.get(), cancellation);
            }
            try {
                return analysis.analyzeClosed(file, Files.readString(file), cancellation);
            } catch (IOException | UncheckedIOException e) {
                return new FileAnalysis(file, List.of(), List.of());
            }
        });
        TextRange body = method.declaration().range();
        return fileAnalysis.findings().stream()
                .filter(f -> !f.ruleId().equals(ProfileRanker.HOT_METHOD))
                .filter(f -> f.range().offset() >= body.offset() && f.range().offset() < body.offset() + body.length())
                .sorted(FindingOrder.BY_EXPECTED_SAVING)
                .map(HotspotsHandler::toProtocol)
                .toList();
    }

    private static HotspotFinding toProtocol(Finding finding) {
        HotspotFinding item = new HotspotFinding();
        item.setRuleId(finding.ruleId());
        item.setRange(Converters.range(finding.range()));
        item.setSeverity(finding.severity().lowerCase());
        item.setMessage(finding.message());
        item.setImpact(finding.impact().shortText());
        finding.impact().programSaving().ifPresent(item::setExpectedSaving);
        item.setFixAvailable(finding.fix().available());
        return item;
    }
}
