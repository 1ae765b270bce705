package dev.perflens.engine;

/**
 * What fixing a finding is expected to gain, with where that expectation comes from: the
 * rule's declared complexity model and, when a profile is loaded, the runtime weight the
 * profile observed there.
 *
 * @param before     complexity of the code as written, e.g. "O(n^2)"; null for findings that
 *                   only report measurements (hot-method)
 * @param after      complexity after the proposed change, e.g. "O(n)"; null with before
 * @param provenance where the figures come from, shown to the user verbatim
 * @param profile    the weight a loaded profile gives this code; null without a profile
 */
public record Impact(String before, String after, String provenance, ProfileWeight profile) {

    public Impact(String before, String after, String provenance) {
        this(before, after, provenance, null);
    }

    /** Short form used in titles and messages: "O(n^2) -> O(n)", or "measured" without a model. */
    public String summary() {
        return before == null ? "measured" : before + " -> " + after;
    }

    /** The full impact line: the model with its provenance, then what the profile observed. */
    public String text() {
        String model = before == null ? provenance : summary() + " (" + provenance + ")";
        return profile == null ? model : model + "; " + profile.text();
    }

    public Impact withProfile(ProfileWeight weight) {
        return new Impact(before, after, provenance, weight);
    }

    public static Impact declaredBy(String ruleId, String before, String after) {
        return new Impact(before, after, "complexity model declared by rule " + ruleId);
    }
}
