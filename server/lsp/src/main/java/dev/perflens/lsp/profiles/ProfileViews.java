package dev.perflens.lsp.profiles;

import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.Weights;
import dev.perflens.lsp.Converters;
import dev.perflens.protocol.Hotspot;
import dev.perflens.protocol.ProfileSummary;
import java.util.Locale;
import java.util.Optional;

/** Evidence values to protocol values and display text. */
public final class ProfileViews {
    private ProfileViews() {
    }

    public static ProfileSummary summary(Profile profile) {
        ProfileSummary summary = new ProfileSummary();
        summary.setName(profile.name());
        summary.setPath(profile.source().toString());
        summary.setFormat(profile.format().name().toLowerCase(Locale.ROOT));
        summary.setCpuSamples(profile.totalEvents(Metric.CPU));
        summary.setAllocationSamples(profile.totalEvents(Metric.ALLOCATION));
        summary.setAllocationBytes(profile.totalWeight(Metric.ALLOCATION));
        summary.setLockEvents(profile.totalEvents(Metric.LOCK));
        summary.setStart(profile.start() == null ? null : profile.start().toString());
        summary.setEnd(profile.end() == null ? null : profile.end().toString());
        summary.setOrigin(profile.origin());
        summary.setNotes(profile.notes());
        summary.setSummary(profile.summary());
        return summary;
    }

    /** "cpu", "allocation", "lock" (or null for cpu) to a metric; empty for anything else. */
    public static Optional<Metric> metric(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(Metric.CPU);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Optional.of(Metric.CPU);
            case "allocation", "alloc" -> Optional.of(Metric.ALLOCATION);
            case "lock" -> Optional.of(Metric.LOCK);
            default -> Optional.empty();
        };
    }

    public static String metricName(Metric metric) {
        return switch (metric) {
            case CPU -> "cpu";
            case ALLOCATION -> "allocation";
            case LOCK -> "lock";
        };
    }

    public static Hotspot hotspot(MethodHotness method, Metric metric, HotnessIndex index) {
        Hotspot hotspot = new Hotspot();
        hotspot.setName(method.name());
        hotspot.setUri(method.file().toUri().toString());
        hotspot.setRange(Converters.range(method.declaration().nameRange()));
        hotspot.setMethodRange(Converters.range(method.declaration().range()));
        hotspot.setHottestLine(method.hottestLine() > 0 ? method.hottestLine() - 1 : null);
        hotspot.setSelfShare(method.selfShare(metric));
        hotspot.setTotalShare(method.totalShare(metric));
        hotspot.setSelfSamples(method.weights().selfEvents(metric));
        hotspot.setTotalSamples(method.weights().totalEvents(metric));
        hotspot.setProfiles(index.profileNames());
        return hotspot;
    }

    /** A code lens title: "85% CPU (self 80%) · 12% alloc · 115 samples · orders.jfr". */
    public static String lensTitle(MethodHotness method, HotnessIndex index) {
        Weights weights = method.weights();
        StringBuilder title = new StringBuilder();
        if (index.totals().has(Metric.CPU)) {
            double total = method.totalShare(Metric.CPU);
            double self = method.selfShare(Metric.CPU);
            title.append(ProfileWeight.percent(total)).append(" CPU");
            if (total - self >= 0.001) {
                title.append(" (self ").append(ProfileWeight.percent(self)).append(')');
            }
        }
        if (index.totals().has(Metric.ALLOCATION) && weights.totalWeight(Metric.ALLOCATION) > 0) {
            separate(title).append(ProfileWeight.percent(method.totalShare(Metric.ALLOCATION))).append(" alloc");
        }
        if (index.totals().has(Metric.LOCK) && weights.totalWeight(Metric.LOCK) > 0) {
            separate(title).append(ProfileWeight.percent(method.totalShare(Metric.LOCK))).append(" lock wait");
        }
        separate(title).append(compact(weights.totalEvents(Metric.CPU))).append(" samples");
        separate(title).append(index.profileNames());
        return title.toString();
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append(" · ");
    }

    /** 950, 9,500, 41k, 1.2M. */
    static String compact(long count) {
        if (count >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", count / 1e6);
        }
        if (count >= 10_000) {
            return String.format(Locale.ROOT, "%dk", Math.round(count / 1e3));
        }
        return ProfileWeight.count(count);
    }
}
