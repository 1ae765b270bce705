package dev.perflens.lsp.benchmark;

import dev.perflens.bench.result.Verdict;
import dev.perflens.engine.Finding;
import dev.perflens.lsp.document.OpenDocument;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest measured result per finding, shown in its diagnostic and code action titles. A
 * measurement holds only while the finding has the same key (rule and span) and the method's
 * text is unchanged: edit the method, and the claim goes away until it is measured again.
 */
@Singleton
public final class Measurements {
    /**
     * @param methodStart  offset of the benchmarked method in the measured text
     * @param methodText   the method as measured
     * @param verdict      faster, no significant difference or slower
     * @param summary      "measured 14.2x ± 1.1 faster at n=1000"
     * @param markdownUri  the readable report, or null when none was written
     */
    public record Measurement(String uri, String findingKey, int methodStart, String methodText, Verdict verdict,
                              String summary, String markdownUri) {
        /** For titles: "measured 14.2x ± 1.1 faster at n=1000", "measured SLOWER: 1.3x ± 0.1 slower at n=1000". */
        public String shortText() {
            if (verdict == Verdict.REJECTED) {
                return "Rejected by validation: changes behaviour";
            }
            return verdict == Verdict.SLOWER ? "measured SLOWER: " + summary.replaceFirst("^measured ", "") : summary;
        }
    }

    private final Map<String, Measurement> byFinding = new ConcurrentHashMap<>();

    public void record(Measurement measurement) {
        byFinding.put(measurement.uri() + "#" + measurement.findingKey(), measurement);
    }

    public Optional<Measurement> forFinding(OpenDocument document, Finding finding) {
        Measurement measurement = byFinding.get(document.uri() + "#" + finding.key());
        if (measurement == null) {
            return Optional.empty();
        }
        boolean unchanged = document.text().regionMatches(measurement.methodStart(), measurement.methodText(), 0,
                measurement.methodText().length());
        return unchanged ? Optional.of(measurement) : Optional.empty();
    }
}
