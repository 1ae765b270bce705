package dev.perflens.protocol;

import org.eclipse.lsp4j.Range;

/** A Perflens finding inside a hot method, with what fixing it is expected to save. */
public class HotspotFinding {
    /** The rule's id, as in the diagnostic's code. */
    private String ruleId;
    /** The flagged code. */
    private Range range;
    /** "error", "warning", "info" or "hint". */
    private String severity;
    /** What is slow and why (the diagnostic's first line). */
    private String message;
    /** The impact in short: the complexity model, the measured speed-up and the expected saving. */
    private String impact;
    /** Expected whole-program saving (0..1 of the profile's metric, Amdahl's law); null when not computable. */
    private Double expectedSaving;
    /** Whether a quick fix is offered for it. */
    private boolean fixAvailable;

    public HotspotFinding() {
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public Range getRange() {
        return range;
    }

    public void setRange(Range range) {
        this.range = range;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getImpact() {
        return impact;
    }

    public void setImpact(String impact) {
        this.impact = impact;
    }

    public Double getExpectedSaving() {
        return expectedSaving;
    }

    public void setExpectedSaving(Double expectedSaving) {
        this.expectedSaving = expectedSaving;
    }

    public boolean isFixAvailable() {
        return fixAvailable;
    }

    public void setFixAvailable(boolean fixAvailable) {
        this.fixAvailable = fixAvailable;
    }
}
