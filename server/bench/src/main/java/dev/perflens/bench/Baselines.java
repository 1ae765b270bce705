package dev.perflens.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.perflens.bench.result.Statistics;
import dev.perflens.bench.result.VariantResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .perflens/baselines.json}: per benchmark id, the measured scores of the code as it was
 * when the baseline was saved, with every iteration kept so a later run can be compared with
 * statistics and not only with means.
 */
public final class Baselines {
    public static final String FILE = ".perflens/baselines.json";

    private Baselines() {
    }

    /**
     * One saved baseline.
     *
     * @param sizes the original variant's result per size (keys are sizes as strings, JSON's only key type)
     */
    public record Entry(String savedAt, String method, BenchmarkReport.Target target, String jdkVersion,
                        BenchSettings settings, Map<String, VariantResult> sizes) {
    }

    /** The file's shape. */
    public record Contents(int formatVersion, Map<String, Entry> benchmarks) {
    }

    /** How one size compares: current / baseline time per call with its 99.9% interval. */
    public record Change(int size, VariantResult baseline, VariantResult current, Statistics.Ratio ratio,
                         Status status) {
        public String describe() {
            String interval = Double.isNaN(ratio.low()) ? "too few iterations for an interval"
                    : "99.9% interval " + dev.perflens.bench.result.Units.times(ratio.low()) + " to "
                    + dev.perflens.bench.result.Units.times(ratio.high());
            return "n=" + size + ": " + status.label + ", " + dev.perflens.bench.result.Units.times(ratio.value())
                    + " the baseline's time per call (" + interval + ")";
        }
    }

    public enum Status {
        REGRESSION("regression"), IMPROVEMENT("improvement"), NO_SIGNIFICANT_CHANGE("no significant change");

        public final String label;

        Status(String label) {
            this.label = label;
        }
    }

    public static Map<String, Entry> load(Path projectRoot) throws IOException {
        Path file = projectRoot.resolve(FILE);
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        Contents contents = ReportStore.JSON.readValue(file.toFile(), new TypeReference<Contents>() {
        });
        return contents.benchmarks() == null ? new TreeMap<>() : new TreeMap<>(contents.benchmarks());
    }

    public static void save(Path projectRoot, Map<String, Entry> entries) throws IOException {
        ReportStore.writeAtomically(projectRoot.resolve(FILE),
                ReportStore.JSON.writeValueAsString(new Contents(1, new TreeMap<>(entries))) + "\n");
    }

    public static Entry entryOf(BenchmarkReport report) {
        Map<String, VariantResult> sizes = new TreeMap<>();
        report.sizes().forEach(row -> sizes.put(String.valueOf(row.size()), row.original()));
        return new Entry(report.createdAt(), report.method(), report.target(), report.environment().jdkVersion(),
                report.settings(), sizes);
    }

    /**
     * Compares the current run's original variant with the baseline at every size both have.
     * A regression needs statistical support: the slow-down's 99.9% interval lies wholly above
     * 1 + threshold. An improvement is the mirror image. The status is read off that interval
     * alone, so it never contradicts the interval reported beside it.
     */
    public static List<Change> compare(Entry baseline, BenchmarkReport current, double threshold) {
        List<Change> changes = new ArrayList<>();
        current.sizes().forEach(row -> {
            VariantResult before = baseline.sizes().get(String.valueOf(row.size()));
            if (before == null) {
                return;
            }
            VariantResult now = row.original();
            Statistics.Ratio ratio = Statistics.ratio(now.summary(), before.summary());
            Status status = Status.NO_SIGNIFICANT_CHANGE;
            if (ratio.hasInterval()) {
                if (ratio.low() > 1 + threshold) {
                    status = Status.REGRESSION;
                } else if (ratio.high() < 1 / (1 + threshold)) {
                    status = Status.IMPROVEMENT;
                }
            }
            changes.add(new Change(row.size(), before, now, ratio, status));
        });
        return changes;
    }
}
