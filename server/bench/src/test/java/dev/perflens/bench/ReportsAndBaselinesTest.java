package dev.perflens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.result.SizeResult;
import dev.perflens.bench.result.Statistics;
import dev.perflens.bench.result.VariantResult;
import dev.perflens.bench.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsAndBaselinesTest {
    @TempDir
    Path project;

    static VariantResult variant(double mean, double relativeNoise, long seed) {
        Random random = new Random(seed);
        List<List<Double>> raw = new ArrayList<>();
        for (int fork = 0; fork < 2; fork++) {
            List<Double> iterations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                iterations.add(mean * (1 + relativeNoise * random.nextGaussian()));
            }
            raw.add(iterations);
        }
        Statistics.Summary summary = Statistics.summarize(raw.stream().flatMap(List::stream).toList());
        return new VariantResult(summary.mean(), summary.error(), "ns/op", summary.n(), 2, 48.0, 0.5, raw);
    }

    static BenchmarkReport report(double originalNanos, double fixedNanos) {
        List<SizeResult> rows = List.of(
                SizeResult.of(10, variant(originalNanos / 100, 0.03, 1), fixedNanos < 0 ? null : variant(fixedNanos / 10, 0.03, 2)),
                SizeResult.of(1000, variant(originalNanos, 0.03, 3), fixedNanos < 0 ? null : variant(fixedNanos, 0.03, 4)));
        SizeResult largest = rows.get(1);
        Verdict verdict = fixedNanos < 0 ? Verdict.MEASURED : largest.verdict();
        return new BenchmarkReport(1, "demo.Shop.find(List,List)", "2026-11-30T10:00:00Z",
                new BenchmarkReport.Target("src/main/java/demo/Shop.java", "demo.Shop#find(List,List)",
                        fixedNanos < 0 ? null : "list-membership-in-loop", null),
                "Shop.find(List<String>, List<String>)", fixedNanos < 0 ? null : "Look up 'ids' in a HashSet",
                BenchSettings.quick(), new BenchmarkReport.Environment("17.0.15", "OpenJDK 64-Bit Server VM", "17",
                "1.37", "Linux amd64", 2, 1.5), rows, verdict, "measured " + largest.describe(), List.of(), null, 42_000);
    }

    /** The evidence card: verdict, behaviour, speed-up per size, allocation, settings and how to rerun, in that order. */
    @Test
    void theMarkdownReportLeadsWithTheVerdictThenBehaviourThenSpeedThenAllocationThenSettings() throws Exception {
        BenchmarkReport measured = report(2_000_000, 40_000);
        dev.perflens.bench.behaviour.Behaviour behaviour = dev.perflens.bench.behaviour.Behaviour.of(
                new dev.perflens.bench.behaviour.Behaviour.Tests("2 test classes reach Shop", List.of("demo.ShopTest"),
                        3, 3, 0, 0, List.of(), List.of()),
                new dev.perflens.bench.behaviour.Behaviour.Outputs(106, 0, 0, 0, null));
        BenchmarkReport report = new BenchmarkReport(1, measured.id(), measured.createdAt(), measured.target(),
                measured.method(), measured.fixTitle(), measured.settings(), measured.environment(), measured.sizes(),
                measured.verdict(), measured.summary(), List.of("a note"), behaviour, measured.wallMillis());
        ReportStore.Written written = new ReportStore(project).save(report);
        assertEquals(report, ReportStore.read(written.json()), "behaviour survives the JSON round trip");
        String markdown = Files.readString(written.markdown());
        List<String> order = List.of("**faster**: measured", "## Behaviour", "Behaviour **preserved**: behaviour preserved:"
                + " 3 of the project's tests passed on the fixed copy, outputs equal on 106 inputs",
                "- Tests: 3 run, 3 passed on the fixed copy", "- Outputs: 106 inputs compared, 0 differing",
                "## Speed-up", "| 1000 |", "## Allocation", "| 1000 | 48.0 B | 48.0 B |", "## Notes", "## Settings",
                "Run it again: `perflens bench . --method 'demo.Shop#find(List,List)'`");
        int at = -1;
        for (String part : order) {
            int next = markdown.indexOf(part, at + 1);
            assertTrue(next > at, "'" + part + "' after the previous part in:\n" + markdown);
            at = next;
        }
        String json = Files.readString(written.json());
        assertTrue(json.contains("\"behaviour\" : {\n    \"verdict\" : \"preserved\""), json);
    }

    @Test
    void reportsAreWrittenAsJsonAndMarkdownAndReadBack() throws Exception {
        BenchmarkReport report = report(2_000_000, 40_000);
        assertEquals(Verdict.FASTER, report.verdict());
        assertTrue(report.summary().matches("measured 4\\d\\.\\dx ± \\d\\.\\d faster at n=1000"), report.summary());
        ReportStore.Written written = new ReportStore(project).save(report);
        assertEquals(project.resolve(".perflens/benchmarks/demo.Shop.find(List,List).json"), written.json());
        assertEquals(report, ReportStore.read(written.json()));
        String markdown = Files.readString(written.markdown());
        assertTrue(markdown.contains("| n | original | fixed | speed-up (99.9% CI) | verdict |"), markdown);
        assertTrue(markdown.lines().anyMatch(line -> line.matches(
                "\\| 1000 \\| [12]\\.\\d\\d ± 0\\.0\\d\\d? ms/op \\| 4\\d\\.\\d ± 0\\.\\d\\d? µs/op \\| 4\\d\\.\\dx \\(4\\d\\.\\dx–5\\d\\.\\dx\\) \\| faster \\|")), markdown);
        assertTrue(markdown.contains("| 1000 | 48.0 B | 48.0 B |"), markdown);
        try (Stream<Path> files = Files.list(written.json().getParent())) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
        List<String> problems = new ArrayList<>();
        Files.writeString(written.json().resolveSibling("broken.json"), "{");
        assertEquals(List.of(report), new ReportStore(project).saved(problems));
        assertEquals(1, problems.size());
    }

    @Test
    void aRegressionNeedsStatisticalSupportBeyondTheThreshold() throws Exception {
        BenchmarkReport saved = report(1_000_000, -1);
        Baselines.save(project, Map.of(saved.id(), Baselines.entryOf(saved)));
        Baselines.Entry baseline = Baselines.load(project).get(saved.id());
        assertEquals(saved.sizes().get(1).original(), baseline.sizes().get("1000"));

        List<Baselines.Change> twiceAsSlow = Baselines.compare(baseline, report(2_000_000, -1), 0.10);
        assertEquals(Baselines.Status.REGRESSION, twiceAsSlow.get(1).status());
        assertTrue(twiceAsSlow.get(1).describe().startsWith("n=1000: regression, 2.0"), twiceAsSlow.get(1).describe());

        List<Baselines.Change> fivePercent = Baselines.compare(baseline, report(1_050_000, -1), 0.10);
        assertEquals(Baselines.Status.NO_SIGNIFICANT_CHANGE, fivePercent.get(1).status(), "within the threshold");

        List<Baselines.Change> faster = Baselines.compare(baseline, report(400_000, -1), 0.10);
        assertEquals(Baselines.Status.IMPROVEMENT, faster.get(1).status());
    }
}
