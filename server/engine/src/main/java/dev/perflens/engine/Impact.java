package dev.perflens.engine;

/**
 * What fixing a finding is expected to gain, with where that expectation comes from.
 * In this version the only input is the rule's declared complexity model; measured
 * calibration and profile weight are added as further fields when they exist.
 *
 * @param before     complexity of the code as written, e.g. "O(n^2)"
 * @param after      complexity after the proposed change, e.g. "O(n)"
 * @param provenance where the figures come from, shown to the user verbatim
 */
public record Impact(String before, String after, String provenance) {

    /** Short form used in titles and messages: "O(n^2) -> O(n)". */
    public String summary() {
        return before + " -> " + after;
    }

    public static Impact declaredBy(String ruleId, String before, String after) {
        return new Impact(before, after, "complexity model declared by rule " + ruleId);
    }
}
