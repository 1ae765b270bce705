package dev.perflens.engine;

import java.util.Comparator;

/**
 * Orders findings by their expected saving, most valuable first, as the CLI's text output,
 * {@code --top N} and the hotspots view show them:
 * <ol>
 *   <li>findings with an expected whole-program saving (a profile share and a measured speed-up,
 *       Amdahl's law), largest saving first;</li>
 *   <li>findings with a profile share but no measured speed-up, largest share first;</li>
 *   <li>findings with a measured speed-up only, by the share of the flagged code's time the fix
 *       removes at the size that applies;</li>
 *   <li>the rest.</li>
 * </ol>
 * Ties go by severity, then file and position, so the order is stable.
 */
public final class FindingOrder {
    public static final Comparator<Finding> BY_EXPECTED_SAVING = Comparator
            .comparingInt(FindingOrder::group)
            .thenComparing(Comparator.comparingDouble(FindingOrder::value).reversed())
            .thenComparing(Finding::severity)
            .thenComparing((Finding f) -> f.file().toString())
            .thenComparingInt(f -> f.range().offset())
            .thenComparing(Finding::ruleId);

    private FindingOrder() {
    }

    private static int group(Finding finding) {
        Impact impact = finding.impact();
        if (impact.programSaving().isPresent()) {
            return 0;
        }
        if (impact.profile() != null) {
            return 1;
        }
        return impact.estimate() != null ? 2 : 3;
    }

    private static double value(Finding finding) {
        Impact impact = finding.impact();
        if (impact.programSaving().isPresent()) {
            return impact.programSaving().getAsDouble();
        }
        if (impact.profile() != null) {
            return impact.profile().methodShare();
        }
        return impact.estimate() != null ? impact.estimate().perCallSaving() : 0;
    }
}
