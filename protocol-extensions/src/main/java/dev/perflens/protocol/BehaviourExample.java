package dev.perflens.protocol;

/** The first input on which the variants differed. */
public class BehaviourExample {
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
