package dev.perflens.protocol;

import org.eclipse.lsp4j.WorkspaceEdit;

/** A fix shown before anything changes: its title, the expected impact, the diff, and the edit. */
public class PreviewFixResult {
    /** The fix's title, as in the code action. */
    private String title;
    /** The rule that found the problem. */
    private String ruleId;
    /** The expected impact and where the estimate comes from. */
    private String impact;
    /** The change as a unified diff ("--- a/path", "+++ b/path", hunks). */
    private String diff;
    /** The same change as a workspace edit; every edit carries a needsConfirmation annotation. */
    private WorkspaceEdit edit;

    public PreviewFixResult() {
    }

    public PreviewFixResult(String title, String ruleId, String impact, String diff, WorkspaceEdit edit) {
        this.title = title;
        this.ruleId = ruleId;
        this.impact = impact;
        this.diff = diff;
        this.edit = edit;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getImpact() {
        return impact;
    }

    public void setImpact(String impact) {
        this.impact = impact;
    }

    public String getDiff() {
        return diff;
    }

    public void setDiff(String diff) {
        this.diff = diff;
    }

    public WorkspaceEdit getEdit() {
        return edit;
    }

    public void setEdit(WorkspaceEdit edit) {
        this.edit = edit;
    }
}
