package dev.perflens.protocol;

/** Both variants' outputs compared on the same inputs. */
public class BehaviourOutputs {
    /** inputs compared */
    private int compared;
    /** of those, inputs on which the variants differed */
    private int differing;
    /** inputs left out because the original itself gave different results */
    private int unstable;
    /** inputs whose results could not be compared */
    private int uncompared;
    /** the first differing input, or null */
    private BehaviourExample example;

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

    public BehaviourExample getExample() {
        return example;
    }

    public void setExample(BehaviourExample example) {
        this.example = example;
    }
}
