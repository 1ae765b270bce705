package dev.perflens.engine;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What fixing a finding is expected to gain, with where that expectation comes from: the
 * rule's declared complexity model, the rule's calibration benchmarks (measured speed-up at the
 * size that applies) and, when a profile is loaded, the runtime weight the profile observed
 * there, combined by Amdahl's law into an expected whole-program saving.
 *
 * @param before     complexity of the code as written, e.g. "O(n^2)"; null for findings that
 *                   only report measurements (hot-method)
 * @param after      complexity after the proposed change, e.g. "O(n)"; null with before
 * @param provenance where the complexity model comes from, shown to the user verbatim
 * @param profile    the weight a loaded profile gives this code; null without a profile
 * @param estimate   the measured speed-up of the rule's fix; null without calibration data
 */
public record Impact(String before, String after, String provenance, ProfileWeight profile, Estimate estimate) {

    public Impact(String before, String after, String provenance) {
        this(before, after, provenance, null, null);
    }

    /** The complexity model alone: "O(n^2) -> O(n)", or "measured" for findings without a model. */
    public String model() {
        return before == null ? "measured" : before + " -> " + after;
    }

    /** Short form used in titles and messages: the measured speed-up when calibrated, else the model. */
    public String summary() {
        return estimate == null ? model() : estimate.shortText();
    }

    /**
     * One line for a diagnostic: the model, the measured speed-up, what the profile saw (said once,
     * with its ranking note) and the expected saving.
     */
    public String shortText() {
        StringBuilder text = new StringBuilder(before == null ? provenance : model());
        if (estimate != null) {
            text.append(", ").append(estimate.shortText());
        }
        if (profile != null) {
            text.append("; ").append(profile.text());
        }
        programSaving().ifPresent(saving -> text.append("; expected saving ~").append(ProfileWeight.percent(saving))
                .append(" of ").append(profile.metric()));
        return text.toString();
    }

    /** The full impact text: model with provenance, the measured estimate, the profile's weight and Amdahl's saving. */
    public String text() {
        StringBuilder text = new StringBuilder(before == null ? provenance : model() + " (" + provenance + ")");
        if (estimate != null) {
            text.append("; measured ").append(estimate.text());
        }
        if (profile != null) {
            text.append("; ").append(profile.text());
        }
        programSaving().ifPresent(saving -> text.append("; expected whole-program saving ~")
                .append(ProfileWeight.percent(saving)).append(" of ").append(profile.metric())
                .append(" (Amdahl: ").append(ProfileWeight.percent(profileShare())).append(" share x (1 - 1/")
                .append(Estimate.times(estimate.reference().speedup())).append("))"));
        return text.toString();
    }

    /**
     * Amdahl's law: the share of the profile's metric in the flagged code times the fraction of
     * that code's cost the fix removes. For CPU the fraction is 1 - 1/speed-up; for allocation it
     * is 1 - the measured allocation ratio. Empty without a profile or without a measurement.
     */
    public OptionalDouble programSaving() {
        if (profile == null || estimate == null) {
            return OptionalDouble.empty();
        }
        double removed;
        if (profile.metric().toLowerCase(Locale.ROOT).contains("alloc")) {
            Double ratio = estimate.reference().allocRatio();
            if (ratio == null) {
                return OptionalDouble.empty();
            }
            removed = 1 - ratio;
        } else {
            removed = estimate.perCallSaving();
        }
        return OptionalDouble.of(Math.max(0, profileShare() * removed));
    }

    /** The profile share the fix acts on: the flagged line's, else its loop's, else its method's. */
    private double profileShare() {
        if (!Double.isNaN(profile.lineShare())) {
            return profile.lineShare();
        }
        return Double.isNaN(profile.loopShare()) ? profile.methodShare() : profile.loopShare();
    }

    public Impact withProfile(ProfileWeight weight) {
        return new Impact(before, after, provenance, weight, estimate);
    }

    public Impact withEstimate(Estimate measured) {
        return new Impact(before, after, provenance, profile, measured);
    }

    public static Impact declaredBy(String ruleId, String before, String after) {
        return new Impact(before, after, "complexity model declared by rule " + ruleId);
    }
}
