package dev.perflens.protocol;

import java.util.List;

/** Whether a fix keeps what the method does, from the project's tests and the compared outputs. */
public class BenchmarkBehaviour {
    /** "preserved", "changed" or "untested" */
    private String verdict;
    /** why, in one sentence */
    private String reason;
    /** the tests */
    private Tests tests;
    /** the outputs */
    private Outputs outputs;

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Tests getTests() {
        return tests;
    }

    public void setTests(Tests tests) {
        this.tests = tests;
    }

    public Outputs getOutputs() {
        return outputs;
    }

    public void setOutputs(Outputs outputs) {
        this.outputs = outputs;
    }

    /** A test that failed: its name and message. */
    public static class Failure {
        /** "OrderMatcherTest.matchesEqualIds()" */
        private String test;
        /** the assertion message */
        private String message;

        public String getTest() {
            return test;
        }

        public void setTest(String test) {
            this.test = test;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

    }

    /** The project's tests on the original and on the fixed copy. */
    public static class Tests {
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
        private List<Failure> failures;
        /** tests already failing on the original: reported, not counted */
        private List<Failure> failingBefore;

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

        public List<Failure> getFailures() {
            return failures;
        }

        public void setFailures(List<Failure> failures) {
            this.failures = failures;
        }

        public List<Failure> getFailingBefore() {
            return failingBefore;
        }

        public void setFailingBefore(List<Failure> failingBefore) {
            this.failingBefore = failingBefore;
        }

    }

    /** The first input on which the variants differed. */
    public static class Example {
        /** which input and its values */
        private String input;
        /** what differed: the result, the exception, the arguments' state after the call */
        private String what;
        /** what the original did */
        private String original;
        /** what the fixed variant did */
        private String fixed;

        public String getInput() {
            return input;
        }

        public void setInput(String input) {
            this.input = input;
        }

        public String getWhat() {
            return what;
        }

        public void setWhat(String what) {
            this.what = what;
        }

        public String getOriginal() {
            return original;
        }

        public void setOriginal(String original) {
            this.original = original;
        }

        public String getFixed() {
            return fixed;
        }

        public void setFixed(String fixed) {
            this.fixed = fixed;
        }

    }

    /** Both variants' outputs compared on the same inputs. */
    public static class Outputs {
        /** inputs compared */
        private int compared;
        /** of those, inputs on which the variants differed */
        private int differing;
        /** inputs left out because the original itself gave different results */
        private int unstable;
        /** inputs whose results could not be compared */
        private int uncompared;
        /** the first differing input, or null */
        private Example example;

        public int getCompared() {
            return compared;
        }

        public void setCompared(int compared) {
            this.compared = compared;
        }

        public int getDiffering() {
            return differing;
        }

        public void setDiffering(int differing) {
            this.differing = differing;
        }

        public int getUnstable() {
            return unstable;
        }

        public void setUnstable(int unstable) {
            this.unstable = unstable;
        }

        public int getUncompared() {
            return uncompared;
        }

        public void setUncompared(int uncompared) {
            this.uncompared = uncompared;
        }

        public Example getExample() {
            return example;
        }

        public void setExample(Example example) {
            this.example = example;
        }

    }
}
