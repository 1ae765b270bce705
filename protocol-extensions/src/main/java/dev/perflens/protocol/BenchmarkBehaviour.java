package dev.perflens.protocol;

/** Whether a fix keeps what the method does, from the project's tests and the compared outputs. */
public class BenchmarkBehaviour {
    /** "preserved", "changed" or "untested" */
    private String verdict;
    /** why, in one sentence */
    private String reason;
    /** the tests */
    private BehaviourTests tests;
    /** the outputs */
    private BehaviourOutputs outputs;

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

    public BehaviourTests getTests() {
        return tests;
    }

    public void setTests(BehaviourTests tests) {
        this.tests = tests;
    }

    public BehaviourOutputs getOutputs() {
        return outputs;
    }

    public void setOutputs(BehaviourOutputs outputs) {
        this.outputs = outputs;
    }

}
