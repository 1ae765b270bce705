package dev.perflens.engine;

import java.util.Locale;

/**
 * What a loaded profile observed at a finding: the share of samples (CPU) or of sampled bytes
 * (allocation) in its enclosing method, on its own lines and in its loop, and which profile
 * the figures come from. Every number is computed from the profile; nothing is estimated.
 *
 * @param metric        what the shares are shares of: "CPU samples" or "sampled allocation bytes"
 * @param method        the enclosing method as people write it, e.g. "OrderMatcher.matchOrders"
 * @param methodShare   share (0..1) of the metric in stacks that pass through the method
 * @param lineShare     share (0..1) in stacks that pass through the finding's own lines; NaN when the
 *                      finding is the method itself (hot-method)
 * @param loopShare     share (0..1) in stacks that pass through the enclosing loop's lines; NaN without a loop
 * @param methodSamples number of events (samples) in stacks that pass through the method
 * @param totalSamples  number of events of this metric in the profile(s): the denominator of the shares
 * @param profiles      the profile file name(s) the figures come from, e.g. "orders.jfr"
 * @param rankingNote   why the severity changed because of the profile; null when it did not
 */
public record ProfileWeight(String metric, String method, double methodShare, double lineShare, double loopShare,
                            long methodSamples, long totalSamples, String profiles, String rankingNote) {

    public ProfileWeight withRankingNote(String note) {
        return new ProfileWeight(metric, method, methodShare, lineShare, loopShare, methodSamples, totalSamples,
                profiles, note);
    }

    /** "~23% of CPU samples in OrderMatcher.match (profile orders.jfr, 41,200 samples)". */
    public String headline() {
        return (methodShare > 0 ? "~" : "") + percent(methodShare) + " of " + metric + " in " + method + " (profile" + (profiles.contains(", ") ? "s " : " ")
                + profiles + ", " + count(totalSamples) + " samples)";
    }

    /** The headline plus the line and loop shares and the ranking note. */
    public String text() {
        StringBuilder text = new StringBuilder(headline());
        if (!Double.isNaN(lineShare)) {
            text.append("; ").append(percent(lineShare)).append(" on the flagged line");
        }
        if (!Double.isNaN(loopShare)) {
            text.append(", ").append(percent(loopShare)).append(" in its loop");
        }
        if (rankingNote != null) {
            text.append("; ").append(rankingNote);
        }
        return text.toString();
    }

    /** A share as people read it: "84%", "5.3%", "<0.1%", "0%". */
    public static String percent(double share) {
        double value = share * 100;
        if (value == 0 || Double.isNaN(value)) {
            return "0%";
        }
        if (value < 0.1) {
            return "<0.1%";
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.1f%%", value);
        }
        return String.format(Locale.ROOT, "%.0f%%", value);
    }

    /** A count with thousands separators: "41,200". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
