package dev.perflens.evidence.rank;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Finding;
import dev.perflens.engine.FixStatus;
import dev.perflens.engine.Impact;
import dev.perflens.engine.ProfileWeight;
import dev.perflens.engine.context.ExecutionContext;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Weights;
import dev.perflens.evidence.source.Declaration;
import dev.perflens.evidence.source.Loop;
import dev.perflens.evidence.source.SourceOutline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-ranks one file's findings by what the loaded profiles observed, and marks hot methods.
 * <ul>
 *   <li>Every finding's impact gets the share of CPU samples (allocated bytes, for allocation
 *       rules) in its enclosing method, on its own lines and in its loop, naming the profile.</li>
 *   <li>A finding whose lines are on at least the policy's threshold of samples (default 5%) is
 *       raised one severity level: the code is where the time goes. A finding the code's context
 *       had lowered (cold path, small size, test code) is raised from the rule's own severity.</li>
 *   <li>A finding in a method without any sample, in a file the profile did sample, drops to
 *       hint (policy switch {@code hotness.noSamplesAsHint}): the code ran cold.</li>
 *   <li>A method whose self share (its code and the library code it calls) reaches the
 *       threshold gets a {@code hot-method} finding, whether a rule fired there or not.</li>
 * </ul>
 */
public final class ProfileRanker {
    public static final String HOT_METHOD = "hot-method";
    private static final Set<Category> ALLOCATION_CATEGORIES = EnumSet.of(Category.MEMORY, Category.OBJECTS);

    private final HotnessIndex index;
    private final Function<String, Optional<Category>> categories;

    public ProfileRanker(HotnessIndex index, List<RuleMetadata> rules) {
        this.index = index;
        Map<String, Category> byId = rules.stream().collect(Collectors.toMap(RuleMetadata::id, RuleMetadata::category,
                (a, b) -> a));
        this.categories = id -> Optional.ofNullable(byId.get(id));
    }

    /** The metric phrase of shares, as messages say it. */
    static String phrase(Metric metric) {
        return switch (metric) {
            case CPU -> "CPU samples";
            case ALLOCATION -> "sampled allocation bytes";
            case LOCK -> "lock wait";
        };
    }

    /**
     * The findings of {@code file} (whose current text is {@code text}) with the profile's
     * weight, re-ranked, followed by its hot-method findings. Without profiles they come back unchanged.
     */
    public List<Finding> rank(Path file, String text, List<Finding> findings, Policy policy) {
        if (index.isEmpty()) {
            return findings;
        }
        SourceOutline outline = SourceOutline.parse(file, text);
        List<Finding> ranked = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            ranked.add(rank(file, outline, finding, policy));
        }
        if (policy.isEnabled(HOT_METHOD)) {
            ranked.addAll(hotMethods(file, outline, policy));
        }
        return ranked;
    }

    private Finding rank(Path file, SourceOutline outline, Finding finding, Policy policy) {
        boolean allocationRule = categories.apply(finding.ruleId()).map(ALLOCATION_CATEGORIES::contains).orElse(false);
        Metric metric = allocationRule && index.totals().has(Metric.ALLOCATION) ? Metric.ALLOCATION : Metric.CPU;
        if (!index.totals().has(metric)) {
            return finding;
        }
        Optional<Declaration> declaration = outline.declarationAtOffset(finding.range().offset());
        if (declaration.isEmpty()) {
            return finding;
        }
        Optional<MethodHotness> method = index.method(file, declaration.get().key());
        Weights lines = index.lines(file, finding.range().startLine() + 1, finding.range().endLine() + 1);
        Optional<Loop> loop = outline.loopAt(finding.range().offset(), declaration.get());
        double loopShare = loop.map(l -> index.share(metric, index.lines(file, l.startLine(), l.endLine()).totalWeight(metric)))
                .orElse(Double.NaN);
        double lineShare = index.share(metric, lines.totalWeight(metric));
        ProfileWeight weight = new ProfileWeight(phrase(metric), declaration.get().displayName(),
                method.map(m -> m.totalShare(metric)).orElse(0.0), lineShare, loopShare,
                method.map(m -> m.weights().totalEvents(metric)).orElse(0L), index.totals().events(metric),
                index.profileNames(), null);

        Severity severity = finding.severity();
        String message = finding.message();
        String note = null;
        double threshold = policy.hotness().threshold();
        boolean cold = method.map(m -> m.weights().isEmpty()).orElse(true);
        ExecutionContext guess = finding.context();
        if (lineShare >= threshold && guess != null && guess.ruleSeverity().atLeast(severity)
                && guess.ruleSeverity() != severity) {
            // The code looked cold or small; the profile says otherwise: its measurement wins.
            Severity raised = guess.ruleSeverity() == Severity.ERROR ? Severity.ERROR
                    : Severity.values()[guess.ruleSeverity().ordinal() - 1];
            note = "severity raised from " + severity.lowerCase() + " to " + raised.lowerCase() + ": the code looked "
                    + guess.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + guess.reason()
                    + "), but the flagged line is on " + ProfileWeight.percent(lineShare) + " of " + phrase(metric)
                    + ", at or over the hot-code threshold of " + ProfileWeight.percent(threshold);
            message = message.replace(" " + guess.sentence(), "");
            severity = raised;
        } else if (lineShare >= threshold && severity != Severity.ERROR) {
            Severity raised = Severity.values()[severity.ordinal() - 1];
            note = "severity raised from " + severity.lowerCase() + " to " + raised.lowerCase() + ": the flagged line is on "
                    + ProfileWeight.percent(lineShare) + " of " + phrase(metric) + ", at or over the hot-code threshold of "
                    + ProfileWeight.percent(threshold);
            severity = raised;
        } else if (cold && policy.hotness().noSamplesAsHint() && index.covers(file) && severity != Severity.HINT) {
            note = "lowered from " + severity.lowerCase() + " to hint: the profile has no samples in "
                    + declaration.get().displayName() + " although it sampled this file";
            severity = Severity.HINT;
        } else if (!index.covers(file)) {
            note = "the profile has no samples in this file; it may not have exercised this code";
        }
        return new Finding(finding.ruleId(), finding.file(), finding.range(), message, severity,
                finding.confidence(), finding.impact().withProfile(weight.withRankingNote(note)), finding.fix(),
                finding.context(), finding.identity());
    }

    private List<Finding> hotMethods(Path file, SourceOutline outline, Policy policy) {
        if (!index.totals().has(Metric.CPU)) {
            return List.of();
        }
        double threshold = policy.hotness().threshold();
        List<Finding> hot = new ArrayList<>();
        for (Declaration declaration : outline.declarations()) {
            Optional<MethodHotness> method = index.method(file, declaration.key());
            if (method.isEmpty() || method.get().selfShare(Metric.CPU) < threshold) {
                continue;
            }
            MethodHotness hotness = method.get();
            double self = hotness.selfShare(Metric.CPU);
            double total = hotness.totalShare(Metric.CPU);
            ProfileWeight weight = new ProfileWeight(phrase(Metric.CPU), declaration.displayName(), self, Double.NaN,
                    Double.NaN, hotness.weights().selfEvents(Metric.CPU), index.totals().events(Metric.CPU),
                    index.profileNames(), null);
            StringBuilder message = new StringBuilder("Hot method: ").append(weight.headline())
                    .append(", counting its own code and the JDK and library code it calls");
            if (total > self) {
                message.append(" (").append(ProfileWeight.percent(total)).append(" with the workspace methods it calls)");
            }
            if (hotness.hottestLine() > 0) {
                message.append("; hottest line ").append(hotness.hottestLine());
            }
            message.append('.');
            hot.add(new Finding(HOT_METHOD, file, declaration.nameRange(), message.toString(),
                    policy.severity(HOT_METHOD, Severity.INFO),
                    Confidence.high("measured: " + ProfileWeight.count(hotness.weights().selfEvents(Metric.CPU)) + " of "
                            + ProfileWeight.count(index.totals().events(Metric.CPU)) + " CPU samples"),
                    new Impact(null, null, "measured, not estimated", weight, null),
                    FixStatus.none()));
        }
        return hot;
    }
}
