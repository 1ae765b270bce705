package dev.perflens.lsp.benchmark;

import dev.perflens.bench.BenchSettings;
import dev.perflens.bench.BenchmarkJob;
import dev.perflens.protocol.FindingRef;
import java.nio.file.Path;

/**
 * A benchmark ready to run: the job, the settings (policy file, then request), and where its
 * result goes.
 *
 * @param uri         the document of the method
 * @param finding     the finding it was started for, or null
 * @param reportRoot  the workspace folder whose .perflens/benchmarks/ receives the report, or null
 */
public record PreparedBenchmark(BenchmarkJob job, BenchSettings settings, String uri, FindingRef finding,
                                Path reportRoot) {
}
