package dev.perflens.lsp.handlers;

import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.lsp.profiles.ProfileViews;
import dev.perflens.protocol.Hotspot;
import dev.perflens.protocol.HotspotsParams;
import dev.perflens.protocol.HotspotsResult;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** {@code perflens/hotspots}: the hottest workspace methods of the loaded profiles, over all workspace folders. */
public final class HotspotsHandler {
    static final int DEFAULT_LIMIT = 10;
    private final ProfileService profiles;
    private final WorkspaceRoots roots;

    @Inject
    public HotspotsHandler(ProfileService profiles, WorkspaceRoots roots) {
        this.profiles = profiles;
        this.roots = roots;
    }

    public HotspotsResult handle(HotspotsParams params) {
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
        List<Hotspot> hotspots = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (hotspots.size() < limit && seen.add(candidate.method().file() + "#" + candidate.method().declaration().key())) {
                hotspots.add(ProfileViews.hotspot(candidate.method(), metric, candidate.index()));
            }
        }
        HotspotsResult result = new HotspotsResult();
        result.setMetric(ProfileViews.metricName(metric));
        result.setProfiles(profiles.profiles().stream().map(ProfileViews::summary).toList());
        result.setTotalSamples(profiles.profiles().stream().mapToLong(p -> p.totalEvents(metric)).sum());
        result.setHotspots(hotspots);
        return result;
    }
}
