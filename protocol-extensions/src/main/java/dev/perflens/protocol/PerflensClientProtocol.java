package dev.perflens.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The {@code perflens/*} messages the server sends to the client. Every method here has a
 * section in PROTOCOL.md; a test fails when the two drift apart.
 */
@JsonSegment("perflens")
public interface PerflensClientProtocol {

    /** A benchmark finished: sent for every completed run, whoever started it. */
    @JsonNotification
    void benchmarkResult(BenchmarkResult params);
}
