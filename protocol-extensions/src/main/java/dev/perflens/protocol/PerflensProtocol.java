package dev.perflens.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The {@code perflens/*} extension to LSP. Every method here has a section in PROTOCOL.md of
 * this module; a test fails when the two drift apart.
 */
@JsonSegment("perflens")
public interface PerflensProtocol {

    /**
     * The fix of one finding as a unified diff and as the workspace edit a client applies
     * after the user confirmed it. The server changes nothing itself.
     */
    @JsonRequest
    CompletableFuture<PreviewFixResult> previewFix(FindingRef params);

    /**
     * The hottest workspace methods of the loaded profiles with their shares and source
     * locations, for a client's hotspot list. Without a profile the list is empty.
     */
    @JsonRequest
    CompletableFuture<HotspotsResult> hotspots(HotspotsParams params);

    /**
     * Measures a fix against the original (or a method as it is) with JMH in a sandbox, in the
     * background with work-done progress; cancelable with $/cancelRequest or the progress' cancel.
     */
    @JsonRequest
    CompletableFuture<BenchmarkResult> benchmark(BenchmarkParams params);
}
