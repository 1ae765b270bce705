package dev.perflens.protocol;

/** A test that failed: its name and message. */
public class BehaviourFailure {
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
