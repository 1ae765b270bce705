package dev.perflens.protocol;

import java.util.List;

/** The project's tests on the original and on the fixed copy. */
public class BehaviourTests {
    /** how the tests were chosen, or why none ran */
    private String selection;
    /** the test classes that ran */
    private List<String> selected;
    /** tests run on the fixed copy (those that passed on the original) */
    private int run;
    /** of those, passed */
    private int passed;
    /** of those, failed */
    private int failed;
    /** of those, skipped */
    private int skipped;
    /** each failure on the fixed copy */
    private List<BehaviourFailure> failures;
    /** tests already failing on the original: reported, not counted */
    private List<BehaviourFailure> failingBefore;

    public String getSelection() {
        return selection;
    }

    public void setSelection(String selection) {
        this.selection = selection;
    }

    public List<String> getSelected() {
        return selected;
    }

    public void setSelected(List<String> selected) {
        this.selected = selected;
    }

    public int getRun() {
        return run;
    }

    public void setRun(int run) {
        this.run = run;
    }

    public int getPassed() {
        return passed;
    }

    public void setPassed(int passed) {
        this.passed = passed;
    }

    public int getFailed() {
        return failed;
    }

    public void setFailed(int failed) {
        this.failed = failed;
    }

    public int getSkipped() {
        return skipped;
    }

    public void setSkipped(int skipped) {
        this.skipped = skipped;
    }

    public List<BehaviourFailure> getFailures() {
        return failures;
    }

    public void setFailures(List<BehaviourFailure> failures) {
        this.failures = failures;
    }

    public List<BehaviourFailure> getFailingBefore() {
        return failingBefore;
    }

    public void setFailingBefore(List<BehaviourFailure> failingBefore) {
        this.failingBefore = failingBefore;
    }
}
